import SpeclensCheckpoints
import SpeclensDataset

/// One fine-tune, opened and planned against the base: for every selected base matrix, either
/// how this run changes it (``matrices``) or why it is left out (``excluded``).
public struct RunPlan: Sendable {
    /// The run's identity in the dataset.
    public let id: RunID
    /// Path as given.
    public let path: String
    /// The opened checkpoint or adapter.
    public let checkpoint: FineTuneCheckpoint
    /// The run's version of each analysed base matrix, keyed by base tensor name.
    public let matrices: [String: PlannedMatrix]
    /// Tensors of either side left out of this run, sorted by name, then side.
    public let excluded: [Exclusion]

    public init(id: RunID, path: String, checkpoint: FineTuneCheckpoint, matrices: [String: PlannedMatrix],
                excluded: [Exclusion]) {
        self.id = id
        self.path = path
        self.checkpoint = checkpoint
        self.matrices = matrices
        self.excluded = excluded
    }

    /// `full` or `lora`.
    public var kind: RunKind {
        if case .lora = checkpoint { return .lora }
        return .full
    }

    /// Things a reader must know about the run (from the adapter: e.g. a PiSSA initialisation).
    public var warnings: [String] {
        if case .lora(let adapter) = checkpoint { return adapter.warnings }
        return []
    }

    /// The adapter settings, for LoRA runs.
    public var loraRecord: LoRARecord? {
        guard case .lora(let adapter) = checkpoint else { return nil }
        let config = adapter.config
        return LoRARecord(
            r: config.r, alpha: config.loraAlpha, useRslora: config.useRslora,
            scale: config.scale, baseModelNameOrPath: config.baseModelNameOrPath,
            targetModules: config.targetModules, modulesToSave: config.modulesToSave)
    }
}
