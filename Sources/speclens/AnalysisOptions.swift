import ArgumentParser
import Foundation
import SpeclensAnalysis
import SpeclensDataset
import SpeclensReport

/// Options shared by the commands that analyse checkpoints.
struct AnalysisOptions: ParsableArguments {
    @Option(name: .customLong("top-k"), help: "Top fine-tuned singular vectors tested for intrusion.")
    var topK = 10

    @Option(help: ArgumentHelp(
        "Intruder threshold ε in (0, 1]: a vector is an intruder when its max |cos| is below it (strict). "
            + "A list 0.5,0.7,0.9 analyses at the first and also shows the counts at the others (in the summary, and in the report of `report`; default 0.5).",
        valueName: "ε[,ε…]"), transform: EpsilonListOption.parse)
    var epsilon = EpsilonListOption.analysisDefault

    @Option(name: .customLong("similarity-size"), help: "N of the top-N × top-N similarity matrix stored per matrix.")
    var similarityTopN = 32

    @Option(help: "Singular vectors to compare: left (output space, the paper's choice) or right (input space).")
    var vectors: SingularVectorSide = .left

    @Option(help: ArgumentHelp(
        "Analyse only matrices whose base name matches this regular expression (repeatable).",
        valueName: "regex"))
    var include: [String] = []

    @Option(help: ArgumentHelp(
        "Leave out matrices whose base name matches this regular expression (repeatable).",
        valueName: "regex"))
    var exclude: [String] = []

    @Flag(help: "Also analyse embedding tables.")
    var includeEmbeddings = false

    @Flag(help: "Also analyse output heads (LM head, classifier) and projections outside the repeated blocks (a pooler).")
    var includeHeads = false

    @Option(help: ArgumentHelp(
        "Rank buckets over the whole fine-tuned spectrum for the intruders-across-the-spectrum figure (0: skip; costs one p×p product per matrix).",
        valueName: "count"))
    var spectrumBuckets = 10

    @Flag(help: ArgumentHelp(
        "Compute the whole fine-tuned spectrum (every singular vector) of every matrix: Wt's full spectrum stored and the intruders-across-the-spectrum figure over all matrices (default: the middle layer's matrix of each module kind; the others get only Wt's top max(top-k, similarity-size) triplets)."))
    var fullSpectra = false

    @Option(help: ArgumentHelp(
        "How Wt's top singular vectors are computed where the whole spectrum is not needed: automatic (eigenvectors of the float64 Gram matrix; the exact SVD where σ_l/σ_1 < 1e-3), randomized (certified randomized subspace iteration, exact SVD when it cannot certify; slower, for audits), exact (LAPACK SVD only).",
        valueName: "path"))
    var tunedDecomposition: DecompositionPolicy = .automatic

    @Flag(help: "Skip the null controls (W0 plus random updates of each run's ‖ΔW‖_F, measured like the run; about one extra SVD per run and matrix, two for LoRA runs).")
    var noControls = false

    @Option(help: ArgumentHelp(
        "Share of each module kind's matrices, evenly spread over the layers, whose runs get null controls (1: all; at least one per module kind).",
        valueName: "fraction"))
    var controlFraction = AnalysisParameters.defaultControlFraction

    @Option(help: ArgumentHelp(
        "Run the random-direction experiment on this many base matrices: W + λ·σ_max·u·vᵀ with random u, v for λ from 0.05 to 4, measured like a fine-tune (0: off).",
        valueName: "count"))
    var probe = 0

    @Option(name: .customLong("map"), help: ArgumentHelp(
        "Rewrite fine-tuned tensor names before pairing: FROM is a regular expression, TO a template with $1… (repeatable).",
        valueName: "FROM=TO"))
    var nameRewrites: [String] = []

    @Option(name: .customLong("orientation"), help: ArgumentHelp(
        "How matrices matching REGEX are stored: out-in (nn.Linear), in-out (GPT-2 Conv1D) or embedding (repeatable; default: from the adapter config, the base's config.json model_type and the name).",
        valueName: "REGEX=KIND"))
    var orientationOverrides: [String] = []

    @Option(help: ArgumentHelp(
        "adapter_config.json for TUNED arguments given as a bare adapter .safetensors or .bin file.",
        valueName: "file"))
    var adapterConfig: String?

    @Flag(help: ArgumentHelp(
        "Analyse an adapter even when fewer than half of its LoRA modules pair with a base weight: only the modules that pair are analysed, and the run gets a warning (default: refuse such an adapter, usually one made for another model)."))
    var allowPartial = false

    @Flag(help: ArgumentHelp(
        "Analyse a full fine-tune even when it does not look like a fine-tune of BASE (its sampled matrices moved more than 0.9 of their norm and their top directions left the base's; default: refuse, usually a wrong base with the right shapes)."))
    var allowUnrelated = false

    @Option(help: "Matrices decomposed in parallel (default: number of cores).")
    var workers: Int?

    @Option(help: ArgumentHelp(
        "Memory the matrix jobs may take together, by an upper estimate from their shapes (e.g. 8G, 512M; default: the machine's physical memory). Jobs wait instead of exceeding it; one that exceeds it alone runs alone, with a warning.",
        valueName: "size"))
    var maxMemory: ByteSize?

    @OptionGroup var kernels: KernelOptions

    /// `--max-memory`, else the machine's physical memory.
    var memoryLimit: Int {
        maxMemory?.bytes ?? Int(clamping: ProcessInfo.processInfo.physicalMemory)
    }

    /// The `--allow-partial` choice, for the planner. Not an analysis parameter: it changes which
    /// runs are accepted, never a number.
    var partialMatch: PartialMatchPolicy { allowPartial ? .warn : .refuse }

    var parameters: AnalysisParameters {
        AnalysisParameters(
            topK: topK, epsilon: epsilon.list.inForce, similarityTopN: similarityTopN, singularVectors: vectors,
            include: include, exclude: exclude, includeEmbeddings: includeEmbeddings,
            includeHeads: includeHeads, spectrumBuckets: spectrumBuckets,
            nameRewrites: nameRewrites, orientationOverrides: orientationOverrides, nullControls: !noControls,
            probeMatrices: probe, fullSpectra: fullSpectra, tunedDecomposition: tunedDecomposition,
            controlFraction: controlFraction)
    }
}

extension SingularVectorSide: ExpressibleByArgument {}
extension DecompositionPolicy: ExpressibleByArgument {}
