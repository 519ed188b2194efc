/// The settings an analysis ran with. Values are the ones actually used: `top_k` and
/// `similarity_top_n` are further clamped per matrix to `min(out, in)` (see each matrix record).
public struct AnalysisParameters: Equatable, Sendable {
    /// How many of the top fine-tuned singular vectors are tested for intrusion (paper: 10).
    public var topK: Int
    /// The intruder threshold: vector j is an intruder when `max_i |⟨t_j, b_i⟩| < epsilon` (strict).
    public var epsilon: Double
    /// The thresholds at which intruder counts are also reported (ascending).
    public var epsilonGrid: [Double]
    /// Size N of the top-N × top-N similarity matrix stored per matrix.
    public var similarityTopN: Int
    /// Which singular vectors are compared.
    public var singularVectors: SingularVectorSide
    /// The rule dropping numerically-zero singular values of ΔW before the effective rank, in words.
    public var effectiveRankCutoff: String
    /// `--include` regular expressions (a matrix is kept if any matches its base name; empty: all).
    public var include: [String]
    /// `--exclude` regular expressions (a matrix is dropped if any matches its base name).
    public var exclude: [String]
    /// Whether embedding tables were selected for analysis.
    public var includeEmbeddings: Bool
    /// Whether output heads (LM head, classifier) were selected for analysis.
    public var includeHeads: Bool
    /// Floating-point precision of the decompositions (`float32`).
    public var precision: String
    /// Number of equal rank buckets over Wt's whole spectrum for the intruders-across-the-spectrum
    /// measure (paper Fig. 11a); 0 when it was not computed.
    public var spectrumBuckets: Int
    /// `--map FROM=TO` name rewrites applied to fine-tuned names before pairing.
    public var nameRewrites: [String]
    /// `--orientation REGEX=KIND` overrides of how stored matrices map to the layer.
    public var orientationOverrides: [String]
    /// Whether null controls (W0 plus random updates of the run's ‖ΔW‖_F) were computed for
    /// every changed matrix.
    public var nullControls: Bool
    /// How many base matrices the random-direction probe ran on (0: not run).
    public var probeMatrices: Int
    /// Whether every matrix got its whole Wt spectrum and, with `spectrumBuckets > 0`, the
    /// intruders-across-the-spectrum measure (`--full-spectra`). When false, only the matrices
    /// chosen by `spectrumMatricesPerModule` get them; the others store Wt's top
    /// `max(top_k, similarity_top_n)` singular values and no spectrum fractions. True for datasets
    /// written before this field (they computed every spectrum).
    public var fullSpectra: Bool
    /// Without `fullSpectra`: per module kind (`TensorName.module`), how many matrices, evenly
    /// spread over the layers (1: the middle layer; 2: the first and last), get the whole
    /// spectrum (docs/method.md §1.6).
    public var spectrumMatricesPerModule: Int
    /// How the fine-tuned singular vectors were computed where the whole spectrum is not needed;
    /// each comparison records the path actually taken. `exact` for older datasets.
    public var tunedDecomposition: DecompositionPolicy
    /// With `nullControls`: the share of each module kind's matrices, evenly spread over the
    /// layers, whose runs get null controls (1: every matrix; default 0.25, at least one matrix per
    /// module kind; docs/method.md §1.5). 1 for datasets written before this field.
    public var controlFraction: Double

    public init(
        topK: Int = 10, epsilon: Double = 0.5,
        epsilonGrid: [Double] = AnalysisParameters.defaultEpsilonGrid,
        similarityTopN: Int = 32, singularVectors: SingularVectorSide = .left,
        effectiveRankCutoff: String = AnalysisParameters.defaultEffectiveRankCutoff,
        include: [String] = [], exclude: [String] = [],
        includeEmbeddings: Bool = false, includeHeads: Bool = false, precision: String = "float32",
        spectrumBuckets: Int = 10, nameRewrites: [String] = [], orientationOverrides: [String] = [],
        nullControls: Bool = true, probeMatrices: Int = 0, fullSpectra: Bool = false,
        spectrumMatricesPerModule: Int = 1, tunedDecomposition: DecompositionPolicy = .automatic,
        controlFraction: Double = AnalysisParameters.defaultControlFraction
    ) {
        self.controlFraction = controlFraction
        self.fullSpectra = fullSpectra
        self.spectrumMatricesPerModule = spectrumMatricesPerModule
        self.tunedDecomposition = tunedDecomposition
        self.nullControls = nullControls
        self.probeMatrices = probeMatrices
        self.topK = topK
        self.epsilon = epsilon
        self.epsilonGrid = epsilonGrid
        self.similarityTopN = similarityTopN
        self.singularVectors = singularVectors
        self.effectiveRankCutoff = effectiveRankCutoff
        self.include = include
        self.exclude = exclude
        self.includeEmbeddings = includeEmbeddings
        self.includeHeads = includeHeads
        self.precision = precision
        self.spectrumBuckets = spectrumBuckets
        self.nameRewrites = nameRewrites
        self.orientationOverrides = orientationOverrides
    }

    /// 0.05, 0.10, …, 0.95 (the paper's sweep).
    /// The default ``controlFraction``: a quarter of each module kind's matrices.
    public static let defaultControlFraction = 0.25
    public static let defaultEpsilonGrid: [Double] = (1...19).map { Double($0) / 20 }

    /// The noise floor of docs/method.md §4.
    public static let defaultEffectiveRankCutoff =
        "drop sigma_i <= max(sigma_max(dW) * max(out, in) * 2^-24, sigma_N * (sqrt(out) + sqrt(in))), sigma_N^2 = mean((ulp(w0)^2 + ulp(wt)^2) / 12) in the storage formats; exact LoRA spectra: the first term only"
}

extension AnalysisParameters: Codable {
    private enum CodingKeys: String, CodingKey {
        case topK, epsilon, epsilonGrid, similarityTopN, singularVectors, effectiveRankCutoff
        case include, exclude, includeEmbeddings, includeHeads, precision, spectrumBuckets
        case nameRewrites, orientationOverrides, nullControls, probeMatrices
        case fullSpectra, spectrumMatricesPerModule, tunedDecomposition, controlFraction
    }

    /// Decodes parameters; fields added after schema version 1 was first published default.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            topK: try c.decode(Int.self, forKey: .topK),
            epsilon: try c.decode(Double.self, forKey: .epsilon),
            epsilonGrid: try c.decode([Double].self, forKey: .epsilonGrid),
            similarityTopN: try c.decode(Int.self, forKey: .similarityTopN),
            singularVectors: try c.decode(SingularVectorSide.self, forKey: .singularVectors),
            effectiveRankCutoff: try c.decode(String.self, forKey: .effectiveRankCutoff),
            include: try c.decode([String].self, forKey: .include),
            exclude: try c.decode([String].self, forKey: .exclude),
            includeEmbeddings: try c.decode(Bool.self, forKey: .includeEmbeddings),
            includeHeads: try c.decode(Bool.self, forKey: .includeHeads),
            precision: try c.decode(String.self, forKey: .precision),
            spectrumBuckets: try c.decodeIfPresent(Int.self, forKey: .spectrumBuckets) ?? 0,
            nameRewrites: try c.decodeIfPresent([String].self, forKey: .nameRewrites) ?? [],
            orientationOverrides:
                try c.decodeIfPresent([String].self, forKey: .orientationOverrides) ?? [],
            nullControls: try c.decodeIfPresent(Bool.self, forKey: .nullControls) ?? false,
            probeMatrices: try c.decodeIfPresent(Int.self, forKey: .probeMatrices) ?? 0,
            fullSpectra: try c.decodeIfPresent(Bool.self, forKey: .fullSpectra) ?? true,
            spectrumMatricesPerModule: try c.decodeIfPresent(Int.self, forKey: .spectrumMatricesPerModule) ?? 0,
            tunedDecomposition: try c.decodeIfPresent(DecompositionPolicy.self, forKey: .tunedDecomposition) ?? .exact,
            controlFraction: try c.decodeIfPresent(Double.self, forKey: .controlFraction) ?? 1)
    }
}
