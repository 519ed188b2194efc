import Foundation
import SpeclensCheckpoints
import SpeclensDataset

/// Everything decided before any decomposition: the base checkpoint, one ``RunPlan`` per
/// fine-tune, and one ``MatrixJob`` per base matrix. Building a plan reads only file headers.
public struct AnalysisPlan: Sendable {
    /// Path of the base checkpoint as given.
    public let basePath: String
    /// The opened base checkpoint.
    public let base: ModelCheckpoint
    /// The runs, in the order given.
    public let runs: [RunPlan]
    /// One job per base matrix analysed in at least one run, sorted by name.
    public let jobs: [MatrixJob]

    /// Opens the checkpoints and plans every run (see ``RunPlanner`` for the rules).
    /// - Parameters:
    ///   - basePath: pre-trained model (file or folder).
    ///   - tunedPaths: fine-tuned models or PEFT adapter folders.
    ///   - selection: which base tensors are analysed.
    ///   - rewrites: name rewrites applied to fine-tuned names before pairing.
    ///   - orientationOverrides: explicit orientations by base-name pattern.
    ///   - adapterConfig: the `adapter_config.json` to use for tuned paths that are bare adapter
    ///     `.safetensors` files.
    /// - Throws: ``AnalysisError/duplicateRun(path:)``, ``AnalysisError/nothingToAnalyse(base:)``,
    ///   or the checkpoint errors of opening and pairing.
    public init(
        basePath: String, tunedPaths: [String], selection: MatrixSelection,
        rewrites: [NameRewrite] = [], orientationOverrides: [OrientationOverride] = [],
        adapterConfig: String? = nil
    ) throws {
        var seen = Set<String>()
        for path in tunedPaths {
            let key = URL(fileURLWithPath: path).standardizedFileURL.path
            guard seen.insert(key).inserted else { throw AnalysisError.duplicateRun(path: path) }
        }
        let base = try ModelCheckpoint(path: basePath)
        let tuned = try tunedPaths.map { path in
            try FineTuneCheckpoint.open(path: path, adapterConfig: path.hasSuffix(".safetensors") ? adapterConfig : nil)
        }
        try self.init(
            base: base, basePath: basePath, tuned: tuned, selection: selection, rewrites: rewrites,
            orientationOverrides: orientationOverrides)
    }

    /// Plans already opened checkpoints (see ``RunPlanner`` for the rules); run ids come from
    /// each checkpoint's ``FineTuneCheckpoint/path``.
    /// - Throws: ``AnalysisError/nothingToAnalyse(base:)`` or the errors of pairing.
    public init(
        base: ModelCheckpoint, basePath: String? = nil, tuned: [FineTuneCheckpoint], selection: MatrixSelection,
        rewrites: [NameRewrite] = [], orientationOverrides: [OrientationOverride] = []
    ) throws {
        let basePath = basePath ?? base.path
        self.basePath = basePath
        self.base = base
        let planner = RunPlanner(base: base, selection: selection, rewrites: rewrites, overrides: orientationOverrides)
        var ids = Set<RunID>()
        var runs: [RunPlan] = []
        for checkpoint in tuned {
            let id = RunID.unique(stem: CheckpointPath.displayName(checkpoint.path), taken: &ids)
            runs.append(try planner.plan(checkpoint, id: id, path: checkpoint.path))
        }
        self.runs = runs
        let jobs = Set(runs.flatMap(\.matrices.keys)).sorted().compactMap { name -> MatrixJob? in
            guard let info = base.info(name), let dtype = StorageDType(info.dtype) else { return nil }
            var planned: [(RunID, PlannedMatrix)] = []
            for run in runs {
                if let matrix = run.matrices[name] { planned.append((run.id, matrix)) }
            }
            return MatrixJob(name: name, shape: info.shape, base: base, baseDType: dtype, runs: planned)
        }
        if jobs.isEmpty { throw AnalysisError.nothingToAnalyse(base: basePath) }
        self.jobs = jobs
    }
}
