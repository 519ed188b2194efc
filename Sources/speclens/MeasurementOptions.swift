import ArgumentParser
import SpeclensAnalysis
import SpeclensDataset

/// What an analysis measures and on which matrices: the options of every command that analyses,
/// the demo's included.
struct MeasurementOptions: ParsableArguments {
    @Option(name: .customLong("top-k"), help: "Top fine-tuned singular vectors tested for intrusion.")
    var topK = 10

    @Option(
        help: ArgumentHelp(
            "Intruder threshold ε in (0, 1]: a vector is an intruder when its max |cos| is below it (strict). "
                + "A list 0.5,0.7,0.9 analyses at the first and also shows the counts at the others (in the summary, and in the report of `report`; default 0.5).",
            valueName: "ε[,ε…]"), transform: EpsilonListOption.parse)
    var epsilon = EpsilonListOption.analysisDefault

    @Option(name: .customLong("similarity-size"), help: "N of the top-N × top-N similarity matrix stored per matrix.")
    var similarityTopN = 32

    @Option(help: "Singular vectors to compare: left (output space, the paper's choice) or right (input space).")
    var vectors: SingularVectorSide = .left

    @Option(
        help: ArgumentHelp(
            "Analyse only matrices whose base name matches this regular expression (repeatable).",
            valueName: "regex"))
    var include: [String] = []

    @Option(
        help: ArgumentHelp(
            "Leave out matrices whose base name matches this regular expression (repeatable).",
            valueName: "regex"))
    var exclude: [String] = []

    @Flag(help: "Also analyse embedding tables.")
    var includeEmbeddings = false

    @Flag(
        help: "Also analyse output heads (LM head, classifier) and projections outside the repeated blocks (a pooler).")
    var includeHeads = false

    @Option(
        help: ArgumentHelp(
            "Rank buckets over the whole fine-tuned spectrum for the intruders-across-the-spectrum figure (0: skip; costs one p×p product per matrix).",
            valueName: "count"))
    var spectrumBuckets = 10

    @Flag(
        help: ArgumentHelp(
            "Compute the whole fine-tuned spectrum (every singular vector) of every matrix: Wt's full spectrum stored and the intruders-across-the-spectrum figure over all matrices (default: the middle layer's matrix of each module kind; the others get only Wt's top max(top-k, similarity-size) triplets)."
        ))
    var fullSpectra = false

    @Option(
        help: ArgumentHelp(
            "How Wt's top singular vectors are computed where the whole spectrum is not needed: automatic (eigenvectors of the float64 Gram matrix; the exact SVD where σ_l/σ_1 < 1e-3), randomized (certified randomized subspace iteration, exact SVD when it cannot certify; slower, for audits), exact (LAPACK SVD only).",
            valueName: "path"))
    var tunedDecomposition: DecompositionPolicy = .automatic

    @Flag(
        help:
            "Skip the null controls (W0 plus random updates of each run's ‖ΔW‖_F, measured like the run; about one extra SVD per run and matrix, two for LoRA runs)."
    )
    var noControls = false

    @Option(
        help: ArgumentHelp(
            "Share of each module kind's matrices, evenly spread over the layers, whose runs get null controls (1: all; at least one per module kind).",
            valueName: "fraction"))
    var controlFraction = AnalysisParameters.defaultControlFraction

    @Option(
        help: ArgumentHelp(
            "Run the random-direction experiment on this many base matrices: W + λ·σ_max·u·vᵀ with random u, v for λ from 0.05 to 4, measured like a fine-tune (0: off).",
            valueName: "count"))
    var probe = 0

    /// The analysis parameters, with the name rewrites and orientation overrides of `reading`
    /// (none without it).
    func parameters(reading: CheckpointReadingOptions?) -> AnalysisParameters {
        AnalysisParameters(
            topK: topK, epsilon: epsilon.list.inForce, similarityTopN: similarityTopN, singularVectors: vectors,
            include: include, exclude: exclude, includeEmbeddings: includeEmbeddings,
            includeHeads: includeHeads, spectrumBuckets: spectrumBuckets,
            nameRewrites: reading?.nameRewrites ?? [], orientationOverrides: reading?.orientationOverrides ?? [],
            nullControls: !noControls, probeMatrices: probe, fullSpectra: fullSpectra,
            tunedDecomposition: tunedDecomposition, controlFraction: controlFraction)
    }
}

extension SingularVectorSide: ExpressibleByArgument {}
extension DecompositionPolicy: ExpressibleByArgument {}
