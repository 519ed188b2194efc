/// A tensor left out of the comparison, and why.
public struct TensorExclusion: Sendable, Equatable {
    /// Tensor name as found in its file.
    public let name: String
    /// Which side it belongs to: "base", "tuned" (full fine-tune) or "adapter" (LoRA adapter).
    public let source: String
    /// Why it is left out, in words a reader understands.
    public let reason: String

    /// An exclusion; `source` is "base", "tuned" or "adapter".
    public init(name: String, source: String, reason: String) {
        self.name = name
        self.source = source
        self.reason = reason
    }
}
