import ArgumentParser
import SpeclensAnalysis

/// The checkpoints of an analysis, shared by `analyze` and `report`: BASE and TUNED... on the
/// command line, or an experiment manifest (YAML) with labels, tags, metrics and stacks.
struct ExperimentInput: ParsableArguments {
    @Argument(help: "Pre-trained checkpoint (file or folder); omit with --manifest.")
    var base: String?

    @Argument(help: "Fine-tuned checkpoints or LoRA adapter folders (one or more); omit with --manifest.")
    var tuned: [String] = []

    @Option(
        help: ArgumentHelp(
            "An experiment manifest (YAML: base, runs with path or stack, label, tags, metrics, color; see docs/manifest.md) instead of BASE and TUNED.",
            valueName: "file"))
    var manifest: String?

    func validate() throws {
        if manifest != nil {
            guard base == nil, tuned.isEmpty else {
                throw ValidationError("give either --manifest or BASE and TUNED..., not both")
            }
        } else {
            guard base != nil, !tuned.isEmpty else {
                throw ValidationError("give BASE and at least one TUNED checkpoint, or --manifest FILE")
            }
        }
    }

    /// The base path and the runs, read from the manifest when there is one.
    func experiment() throws -> (base: String, runs: [RunSpec]) {
        if let manifest {
            let experiment = try ExperimentManifest.read(path: manifest)
            return (experiment.base, experiment.runs)
        }
        return (base ?? "", tuned.map(RunSpec.init(path:)))
    }

    /// Every file and folder the experiment reads: the manifest, the base and each run's paths.
    func inputPaths() throws -> [String] {
        let (base, runs) = try experiment()
        return [manifest].compactMap { $0 } + [base] + runs.flatMap(\.paths)
    }
}
