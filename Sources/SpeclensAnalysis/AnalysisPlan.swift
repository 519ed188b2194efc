import Foundation
import SpeclensCheckpoints
import SpeclensDataset

/// Everything decided before any decomposition: the base checkpoint, the runs, and one job per
/// base matrix. Building a plan reads only file headers.
public struct AnalysisPlan: Sendable {
    /// Path of the base checkpoint as given.
    public let basePath: String
    /// The opened base checkpoint.
    public let base: ModelCheckpoint
    /// The runs, in the order given.
    public let runs: [PlannedRun]
    /// One job per base matrix analysed in at least one run, sorted by name.
    public let jobs: [MatrixJob]

    /// Opens the checkpoints and pairs their matrices.
    /// - Parameters:
    ///   - basePath: pre-trained model (file or folder).
    ///   - tunedPaths: fine-tuned models or PEFT adapter folders.
    ///   - selection: which base tensors are analysed.
    ///   - rewrites: name rewrites applied to fine-tuned names before pairing.
    ///   - orientationOverrides: explicit orientations by base-name pattern.
    ///   - adapterConfig: the `adapter_config.json` to use for tuned paths that are bare adapter
    ///     `.safetensors` files.
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
        self.basePath = basePath
        base = try ModelCheckpoint(path: basePath)
        // Why each base tensor is left out (nil: selected), decided once for all runs.
        let exclusions = base.tensors.map { selection.exclusionReason(for: $0) }
        let selected = zip(base.tensors, exclusions).filter { $0.1 == nil }.map(\.0)
        var ids = Set<String>()
        var runs: [PlannedRun] = []
        var sources: [[String: RunMatrixSource]] = []
        for path in tunedPaths {
            let checkpoint = try FineTuneCheckpoint.open(
                path: path, adapterConfig: path.hasSuffix(".safetensors") ? adapterConfig : nil)
            let plan = try MatrixPairing.plan(
                base: base, tuned: checkpoint, selection: selection, rewrites: rewrites,
                orientationOverrides: orientationOverrides)
            var bySource: [String: RunMatrixSource] = [:]
            for pair in plan.pairs {
                bySource[pair.baseName] = RunMatrixSource(
                    tunedName: pair.tunedName, matchedBy: pair.matchedBy, source: pair.source,
                    orientation: pair.orientation, note: pair.note)
            }
            var warnings: [String] = []
            if case .lora(let adapter) = checkpoint {
                warnings = adapter.warnings
                // Selected base matrices the adapter does not touch are compared as unchanged,
                // so that every run of a sweep covers the same matrices.
                for info in selected where bySource[info.name] == nil {
                    bySource[info.name] = RunMatrixSource(
                        tunedName: info.name, matchedBy: "not adapted (unchanged)", source: nil,
                        orientation: MatrixOrientation.resolved(
                            tensorName: info.name, modelType: base.modelType,
                            overrides: orientationOverrides),
                        note: MatrixPair.fusedProjectionNote(info.name))
                }
            }
            let id = Self.uniqueID(for: path, taken: &ids)
            var skipped = plan.excluded.map {
                SkippedTensor(name: $0.name, source: $0.source, reason: $0.reason)
            }
            if case .lora(let adapter) = checkpoint {
                // The adapter plan lists only what the adapter touches; list the base tensors
                // the selection leaves out too, as for a full fine-tune.
                let listed = Set(skipped.filter { $0.source == "base" }.map(\.name))
                for (info, reason) in zip(base.tensors, exclusions) where !listed.contains(info.name) {
                    if let reason {
                        skipped.append(SkippedTensor(name: info.name, source: "base", reason: reason))
                    }
                }
                skipped += adapter.otherTensors.map {
                    SkippedTensor(
                        name: $0.name, source: "adapter",
                        reason: "not a LoRA factor or saved module (e.g. a LoRA bias): not analysed")
                }
            }
            skipped.sort { ($0.name, $0.source) < ($1.name, $1.source) }
            runs.append(PlannedRun(
                id: id, path: path, checkpoint: checkpoint, skipped: skipped, warnings: warnings))
            sources.append(bySource)
        }
        self.runs = runs
        let names = Set(sources.flatMap(\.keys)).sorted()
        let base = self.base
        let jobs = names.compactMap { name -> MatrixJob? in
            guard let info = base.info(name) else { return nil }
            return MatrixJob(name: name, shape: info.shape, runs: sources.map { $0[name] })
        }
        if jobs.isEmpty { throw AnalysisError.nothingToAnalyse(base: basePath) }
        self.jobs = jobs
    }

    /// A short run id from a path: the folder name (or the file's folder for a checkpoint file).
    static func uniqueID(for path: String, taken: inout Set<String>) -> String {
        let url = URL(fileURLWithPath: path).standardizedFileURL
        var stem = url.lastPathComponent
        if stem.hasSuffix(".safetensors") {
            let parent = url.deletingLastPathComponent().lastPathComponent
            stem = stem == "model.safetensors" || stem == "adapter_model.safetensors"
                ? parent : String(stem.dropLast(".safetensors".count))
        }
        if stem.isEmpty || stem == "/" { stem = "run" }
        var id = stem, suffix = 2
        while taken.contains(id) {
            id = "\(stem)-\(suffix)"
            suffix += 1
        }
        taken.insert(id)
        return id
    }
}
