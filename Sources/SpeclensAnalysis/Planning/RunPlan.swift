import Foundation
import SpeclensCheckpoints
import SpeclensDataset

/// One fine-tune, opened and planned against the base: for every selected base matrix, either
/// how this run changes it (``matrices``) or why it is left out (``excluded``).
struct RunPlan: Sendable {
    /// The run's identity in the dataset.
    let id: RunID
    /// Path as given.
    let path: String
    /// The opened checkpoint or adapter.
    let checkpoint: FineTuneCheckpoint
    /// The run's version of each analysed base matrix, keyed by base tensor name.
    let matrices: [String: PlannedMatrix]
    /// Tensors of either side left out of this run, sorted by name, then side.
    let excluded: [Exclusion]
    /// What the planner found that a reader should know, in a fixed order: the adapter's own
    /// warnings, partial pairing, size mismatches, an all-unchanged run, then notes.
    let findings: [RunFinding]
    /// How the user described the run (label, tags, metrics, colour); plain for positional runs.
    var spec: RunSpec
    /// For one step of a stack: the adapter paths applied so far, in order; nil otherwise.
    var stack: [String]?
    /// For step k ≥ 2 of a stack: the run id of step k − 1, which this step is also compared with
    /// (each matrix's ``PlannedMatrix/previousStep``); nil otherwise.
    var previousStep: RunID?

    init(
        id: RunID, path: String, checkpoint: FineTuneCheckpoint, matrices: [String: PlannedMatrix],
        excluded: [Exclusion], findings: [RunFinding] = [], spec: RunSpec? = nil, stack: [String]? = nil
    ) {
        self.spec = spec ?? RunSpec(path: path)
        self.stack = stack
        self.id = id
        self.path = path
        self.checkpoint = checkpoint
        self.matrices = matrices
        self.excluded = excluded
        self.findings = findings
    }

    /// `full` or `lora`.
    var kind: RunKind {
        if case .lora = checkpoint { return .lora }
        return .full
    }

    /// The texts of the warning-severity ``findings``: the dataset's `warnings`.
    var warnings: [String] { findings.filter { $0.severity == .warning }.map(\.text) }

    /// The texts of the note-severity ``findings``: the dataset's `notes`.
    var notes: [String] { findings.filter { $0.severity == .note }.map(\.text) }

    /// The run's tags: the user's, with `rank`, `alpha`, `rslora` and `dora` filled from the
    /// adapter where absent, and `step` for a stack step.
    var tags: [String: TagValue] {
        var tags = spec.tags
        if case .lora(let adapter) = checkpoint {
            let config = adapter.config
            tags["rank"] = tags["rank"] ?? .number(Double(config.r))
            tags["alpha"] = tags["alpha"] ?? .number(config.loraAlpha)
            tags["rslora"] = tags["rslora"] ?? .flag(config.useRslora)
            tags["dora"] = tags["dora"] ?? .flag(config.useDora)
        }
        if let stack { tags["step"] = tags["step"] ?? .number(Double(stack.count)) }
        return tags
    }

    /// The record of an adapter written by `speclens mitigate` (its folder's
    /// `speclens-mitigation.json`), read once when the adapter is planned; nil for other runs.
    var mitigation: MitigationRecord?

    /// The mitigation record beside `adapter`, if it has one.
    static func mitigationRecord(of adapter: LoRAAdapter) -> MitigationRecord? {
        var isFolder: ObjCBool = false
        let folder =
            FileManager.default.fileExists(atPath: adapter.path, isDirectory: &isFolder) && isFolder.boolValue
            ? adapter.path : (adapter.path as NSString).deletingLastPathComponent
        return MitigationRecord.read(adapterFolder: folder)
    }

    /// The adapter settings, for LoRA runs.
    var loraRecord: LoRARecord? {
        guard case .lora(let adapter) = checkpoint else { return nil }
        let config = adapter.config
        return LoRARecord(
            r: config.r, alpha: config.loraAlpha, useRslora: config.useRslora,
            scale: config.scale, baseModelNameOrPath: config.baseModelNameOrPath,
            targetModules: config.targetModules, modulesToSave: config.modulesToSave)
    }
}
