/// The comparison of one pre-trained matrix W0 with its fine-tuned counterpart Wt in one run.
public struct MatrixComparison: Codable, Equatable, Sendable {
    /// Base tensor name (matches a `BaseMatrixRecord.name`).
    public var name: String
    /// The fine-tuned tensor it was paired with (for LoRA: the adapter module's `lora_B` name).
    public var tunedName: String
    /// How the pair was matched (written as a readable string, see ``MatchedBy``).
    public var matchedBy: MatchedBy
    /// False when ΔW is exactly zero (then there is no effective rank and no intruder).
    public var changed: Bool
    /// For each of the top-k fine-tuned singular vectors t_j (descending σ), `max_i |⟨t_j, b_i⟩|`
    /// over all `min(out, in)` pre-trained vectors b_i.
    public var maxCosineTopK: [Float]
    /// Number of top-k vectors with max |cos| < ε.
    public var intruders: Int
    /// Ranks (0-based, into Wt's spectrum) of those intruders.
    public var intruderIndices: [Int]
    /// Intruder counts at each ε of the grid (written keyed by `EpsilonKey`, `"0.50"`).
    public var intrudersByEpsilon: IntruderCounts
    /// Roy–Vetterli effective rank of ΔW over the singular values above the cutoff; nil if
    /// unchanged.
    public var effectiveRank: Double?
    /// The cutoff σ (float32 rounding level) used: values at or below it were dropped.
    public var effectiveRankCutoff: Double
    /// Number of singular values of ΔW above the cutoff (its numerical rank).
    public var numericalRank: Int
    /// ‖ΔW‖_F.
    public var frobeniusDelta: Double
    /// ‖ΔW‖_2 (largest singular value of ΔW).
    public var spectralNormDelta: Double
    /// ‖ΔW‖_F / ‖W0‖_F (nil when W0 is zero).
    public var relativeChange: Double?
    /// Stable rank of ΔW, `Σσ² / σ_max²` (nil if unchanged).
    public var stableRank: Double?
    /// `similarity[i][j] = |⟨b_i, t_j⟩|` for the top-N of each: rows pre-trained, columns fine-tuned.
    public var similarity: [[Float]]
    /// Singular values of Wt (all, or only the top when the spectrum is cut; see
    /// ``TunedSpectra/tuned``) and of ΔW.
    public var singularValues: TunedSpectra
    /// Intruders across the whole spectrum (paper Fig. 11a): for each of
    /// `parameters.spectrum_buckets` equal rank buckets of Wt's singular vectors (bucket b holds
    /// ranks `⌊b·p/B⌋ ..< ⌊(b+1)·p/B⌋`, p = min(out, in)), the fraction of its vectors whose max
    /// |cos| against all pre-trained vectors is below ε. Nil when not computed.
    public var spectrumIntruderFractions: [Double]?
    /// The format the fine-tuned matrix was stored in (a full fine-tune's or saved module's
    /// tensor; `F32` for a DoRA merge, which speclens computes); nil for LoRA updates formed
    /// exactly from their factors, for unchanged matrices and in older datasets.
    public var tunedDtype: StorageDType?
    /// The rounding-noise floor of a stored difference, `σ_N · (√out + √in)` with `σ_N²` the mean
    /// over entries of `(ulp(w0)² + ulp(wt)²) / 12`, each ulp in its tensor's storage format: the
    /// expected largest singular value of the rounding noise. The effective-rank cutoff is the
    /// larger of this and the float32 floor. Nil when ΔW is exact (LoRA factors) or unchanged.
    public var roundingNoiseFloor: Double?
    /// True when more than 80% of ΔW's `min(out, in)` singular values are at or below the cutoff:
    /// the update is near the resolution of its storage, and its effective rank depends on where
    /// the floor lies. False for exact LoRA updates; nil in older datasets.
    public var nearStorageResolution: Bool?
    /// For each top-k fine-tuned vector, the norm of its projection on the span of the
    /// `min(out, in)` pre-trained vectors of the compared side (1 when that span is the whole
    /// space). Recorded only when the compared space is larger than that span (e.g. left vectors
    /// of an `out > in` matrix), where a vector can leave the span altogether; nil otherwise.
    public var spanFractionTopK: [Float]?
    /// Null controls: the same measures for W0 plus random updates of ‖ΔW‖_F (isotropic; for LoRA
    /// runs also of rank r); empty when unchanged or controls were off, nil in older datasets.
    public var nullControls: [NullControl]?
    /// The share of ‖ΔW‖²_F along the intruders' directions at the analysis ε,
    /// `Σ_{j∈J} ‖u_jᵀ ΔW‖² / ‖ΔW‖²_F` (u_j the intruders' vectors of Wt on the compared side); 0
    /// without intruders; nil when unchanged or in older datasets.
    public var intruderEnergyShare: Double?
    /// For LoRA updates: alignment of A and B with W0, subspace similarity and amplification.
    public var lowRankMeasures: LowRankMeasures?
    /// For each top-k fine-tuned vector, the norm of its projection on the span of W0's top 2k
    /// singular vectors of the compared side (k = top-k; all of them when 2k ≥ min(out, in)). An
    /// intruder below 0.5 points away from W0's leading directions (a new direction); one above is
    /// a reshuffle among them (docs/method.md §1.7). Nil in older datasets.
    public var topSpanFractionTopK: [Float]?
    /// Which computation gave Wt's singular vectors (docs/method.md §1.6); nil when unchanged
    /// (no decomposition of Wt) and in older datasets (always the exact SVD).
    public var tunedDecomposition: DecompositionPath?

    public init(
        name: String, tunedName: String, matchedBy: MatchedBy, changed: Bool,
        maxCosineTopK: [Float], intruders: Int, intruderIndices: [Int],
        intrudersByEpsilon: IntruderCounts, effectiveRank: Double?, effectiveRankCutoff: Double,
        numericalRank: Int, frobeniusDelta: Double, spectralNormDelta: Double,
        relativeChange: Double?, stableRank: Double?, similarity: [[Float]],
        singularValues: TunedSpectra, spectrumIntruderFractions: [Double]? = nil,
        tunedDtype: StorageDType? = nil, roundingNoiseFloor: Double? = nil, nearStorageResolution: Bool? = nil,
        spanFractionTopK: [Float]? = nil, nullControls: [NullControl]? = nil,
        intruderEnergyShare: Double? = nil, lowRankMeasures: LowRankMeasures? = nil,
        tunedDecomposition: DecompositionPath? = nil, topSpanFractionTopK: [Float]? = nil
    ) {
        self.topSpanFractionTopK = topSpanFractionTopK
        self.tunedDecomposition = tunedDecomposition
        self.intruderEnergyShare = intruderEnergyShare
        self.lowRankMeasures = lowRankMeasures
        self.tunedDtype = tunedDtype
        self.roundingNoiseFloor = roundingNoiseFloor
        self.nearStorageResolution = nearStorageResolution
        self.spanFractionTopK = spanFractionTopK
        self.nullControls = nullControls
        self.name = name
        self.tunedName = tunedName
        self.matchedBy = matchedBy
        self.changed = changed
        self.maxCosineTopK = maxCosineTopK
        self.intruders = intruders
        self.intruderIndices = intruderIndices
        self.intrudersByEpsilon = intrudersByEpsilon
        self.effectiveRank = effectiveRank
        self.effectiveRankCutoff = effectiveRankCutoff
        self.numericalRank = numericalRank
        self.frobeniusDelta = frobeniusDelta
        self.spectralNormDelta = spectralNormDelta
        self.relativeChange = relativeChange
        self.stableRank = stableRank
        self.similarity = similarity
        self.singularValues = singularValues
        self.spectrumIntruderFractions = spectrumIntruderFractions
    }
}
