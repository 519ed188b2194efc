import SpeclensCheckpoints
import SpeclensDataset

/// A fine-tune opened and paired with the base, ready for its matrices to be analysed.
public struct PlannedRun: Sendable {
    /// Unique short identifier (folder name, suffixed `-2`, `-3` … when repeated).
    public let id: String
    /// Path as given.
    public let path: String
    /// The opened checkpoint or adapter.
    public let checkpoint: FineTuneCheckpoint
    /// Tensors left out of this run, with reasons.
    public let skipped: [SkippedTensor]
    /// Warnings to show with the run.
    public let warnings: [String]

    /// `full` or `lora`.
    public var kind: RunKind {
        if case .lora = checkpoint { return .lora }
        return .full
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
