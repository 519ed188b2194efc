/// Where the fine-tuned version of a base matrix comes from.
public enum TunedMatrixSource: Sendable, Equatable {
    /// A full tensor of the fine-tuned checkpoint, or an adapter's `modules_to_save` tensor,
    /// named as in its file; it replaces the base matrix.
    case replacement(tensor: String)
    /// A LoRA module: the tuned matrix is ``LoRAAdapter/mergedWeight(_:base:)`` (`W0 + scale · B · A`
    /// in analysis orientation, rescaled per output row for DoRA).
    case lowRank(LoRAModule)
}
