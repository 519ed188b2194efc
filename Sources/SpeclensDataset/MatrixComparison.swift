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
    /// Intruder counts at each ε of the grid, keyed by `EpsilonKey`.
    public var intrudersByEpsilon: [String: Int]
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
    /// Singular values of Wt and of ΔW.
    public var singularValues: TunedSpectra
    /// Intruders across the whole spectrum (paper Fig. 11a): for each of
    /// `parameters.spectrum_buckets` equal rank buckets of Wt's singular vectors (bucket b holds
    /// ranks `⌊b·p/B⌋ ..< ⌊(b+1)·p/B⌋`, p = min(out, in)), the fraction of its vectors whose max
    /// |cos| against all pre-trained vectors is below ε. Nil when not computed.
    public var spectrumIntruderFractions: [Double]?

    public init(
        name: String, tunedName: String, matchedBy: MatchedBy, changed: Bool,
        maxCosineTopK: [Float], intruders: Int, intruderIndices: [Int],
        intrudersByEpsilon: [String: Int], effectiveRank: Double?, effectiveRankCutoff: Double,
        numericalRank: Int, frobeniusDelta: Double, spectralNormDelta: Double,
        relativeChange: Double?, stableRank: Double?, similarity: [[Float]],
        singularValues: TunedSpectra, spectrumIntruderFractions: [Double]? = nil
    ) {
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
