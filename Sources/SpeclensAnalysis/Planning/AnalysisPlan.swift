import Foundation
import SpeclensCheckpoints
import SpeclensDataset

/// Everything decided before any decomposition: the base checkpoint, one ``RunPlan`` per
/// fine-tune, and one ``MatrixJob`` per base matrix. Building a plan reads only file headers.
struct AnalysisPlan: Sendable {
    /// Path of the base checkpoint as given.
    let basePath: String
    /// The opened base checkpoint.
    let base: ModelCheckpoint
    /// The runs, in the order given.
    let runs: [RunPlan]
    /// One job per base matrix analysed in at least one run, sorted by name.
    let jobs: [MatrixJob]

    /// Opens the checkpoints and plans every run (see ``RunPlanner`` for the rules).
    /// - Parameters:
    ///   - basePath: pre-trained model (file or folder).
    ///   - tunedPaths: fine-tuned models or PEFT adapter folders.
    ///   - selection: which base tensors are analysed.
    ///   - rewrites: name rewrites applied to fine-tuned names before pairing.
    ///   - orientationOverrides: explicit orientations by base-name pattern.
    ///   - adapterConfig: the `adapter_config.json` to use for tuned paths that are bare adapter
    ///     `.safetensors` files.
    ///   - partialMatch: what to do with an adapter most of whose modules do not pair.
    /// - Throws: ``AnalysisError/duplicateRun(path:)``, ``AnalysisError/nothingToAnalyse(base:)``,
    ///   the planner's sanity errors (``AnalysisError/runIsBase(run:base:evidence:)``,
    ///   ``AnalysisError/adapterDoesNotFitBase(base:coverage:)``), or the checkpoint errors of
    ///   opening and pairing.
    init(
        basePath: String, tunedPaths: [String], selection: MatrixSelection,
        rewrites: [NameRewrite] = [], orientationOverrides: [OrientationOverride] = [],
        adapterConfig: String? = nil, partialMatch: PartialMatchPolicy = .refuse
    ) throws {
        try self.init(
            basePath: basePath, runs: tunedPaths.map(RunSpec.init(path:)), selection: selection, rewrites: rewrites,
            orientationOverrides: orientationOverrides, adapterConfig: adapterConfig, partialMatch: partialMatch)
    }

    /// Opens the checkpoints of `runs` (an experiment manifest's, or plain paths) and plans
    /// every run; a stack of n adapters becomes n step runs (``StackPlanner``).
    /// - Throws: as ``init(basePath:tunedPaths:selection:rewrites:orientationOverrides:adapterConfig:partialMatch:)``,
    ///   and ``AnalysisError/invalidManifest(file:line:reason:)`` for a stack step that is not an adapter.
    init(
        basePath: String, runs specs: [RunSpec], selection: MatrixSelection,
        rewrites: [NameRewrite] = [], orientationOverrides: [OrientationOverride] = [],
        adapterConfig: String? = nil, partialMatch: PartialMatchPolicy = .refuse
    ) throws {
        var seen = Set<String>()
        for spec in specs {
            guard case .checkpoint(let path) = spec.source else { continue }
            let key = URL(fileURLWithPath: path).standardizedFileURL.path
            guard seen.insert(key).inserted else { throw AnalysisError.duplicateRun(path: path) }
        }
        let base = try ModelCheckpoint(path: basePath)
        let open = { (path: String) in
            try FineTuneCheckpoint.open(path: path, adapterConfig: path.hasSuffix(".safetensors") ? adapterConfig : nil)
        }
        try self.init(
            base: base, basePath: basePath, runs: specs.map { spec in (spec, { try open($0) }) }, selection: selection,
            rewrites: rewrites, orientationOverrides: orientationOverrides, partialMatch: partialMatch)
    }

    /// Plans `runs` (each with how to open a path) against the opened `base`.
    private init(
        base: ModelCheckpoint, basePath: String,
        runs entries: [(spec: RunSpec, open: (String) throws -> FineTuneCheckpoint)],
        selection: MatrixSelection, rewrites: [NameRewrite], orientationOverrides: [OrientationOverride],
        partialMatch: PartialMatchPolicy
    ) throws {
        let planner = RunPlanner(
            base: base, basePath: basePath, selection: selection, rewrites: rewrites,
            overrides: orientationOverrides, partialMatch: partialMatch)
        var ids = Set<RunID>()
        var runs: [RunPlan] = []
        for (spec, open) in entries {
            switch spec.source {
            case .checkpoint(let path):
                var plan = try planner.plan(
                    try open(path), id: RunID.unique(stem: CheckpointPath.displayName(path), taken: &ids), path: path)
                plan.spec = spec
                runs.append(plan)
            case .stack(let paths):
                var scratch = Set<RunID>()
                let plans = try paths.map { path in
                    let checkpoint = try open(path)
                    guard case .lora = checkpoint else {
                        throw AnalysisError.invalidManifest(
                            file: path, line: nil,
                            reason: "a stack step must be a LoRA adapter; this is a full checkpoint")
                    }
                    return try planner.plan(checkpoint, id: RunID.unique(stem: "step", taken: &scratch), path: path)
                }
                let stem = spec.label.map(Self.stem) ?? CheckpointPath.displayName(paths[0])
                runs += StackPlanner.steps(plans, paths: paths, spec: spec, stem: stem, taken: &ids)
            }
        }
        try self.init(base: base, basePath: basePath, plans: runs)
    }

    /// A run-id stem from a label: lowercase letters, digits and `-`.
    static func stem(_ label: String) -> String {
        let mapped = label.lowercased().map { $0.isLetter || $0.isNumber ? $0 : "-" }
        return String(mapped).split(separator: "-").joined(separator: "-")
    }

    /// Plans already opened checkpoints (see ``RunPlanner`` for the rules and sanity checks); run
    /// ids come from each checkpoint's ``FineTuneCheckpoint/path``.
    /// - Throws: ``AnalysisError/nothingToAnalyse(base:)``, the planner's sanity errors, or the
    ///   errors of pairing.
    init(
        base: ModelCheckpoint, basePath: String? = nil, tuned: [FineTuneCheckpoint], selection: MatrixSelection,
        rewrites: [NameRewrite] = [], orientationOverrides: [OrientationOverride] = [],
        partialMatch: PartialMatchPolicy = .refuse
    ) throws {
        let basePath = basePath ?? base.path
        try self.init(
            base: base, basePath: basePath,
            runs: tuned.map { checkpoint in (RunSpec(path: checkpoint.path), { _ in checkpoint }) },
            selection: selection,
            rewrites: rewrites, orientationOverrides: orientationOverrides, partialMatch: partialMatch)
    }

    /// The plan of runs already planned: one job per base matrix any of them includes.
    /// - Throws: ``AnalysisError/nothingToAnalyse(base:)``.
    init(base: ModelCheckpoint, basePath: String, plans runs: [RunPlan]) throws {
        self.basePath = basePath
        self.base = base
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
