import SpeclensCheckpoints
import SpeclensDataset

/// How the fine-tuned version Wt of one matrix is obtained in one run.
enum TunedWeights: Sendable {
    /// Wt = W0 exactly (e.g. a module the adapter does not touch).
    case unchanged
    /// Wt is a stored tensor (full fine-tune, or a PEFT `modules_to_save` copy) or a merge that
    /// speclens computed (DoRA), with the format its values were rounded to.
    case replacement(Matrix, dtype: StorageDType)
    /// Wt = W0 + scale · B · A (LoRA), B `out × r`, A `r × in`.
    case lowRank(b: Matrix, a: Matrix, scale: Double)
}
