/// Singular values (descending) that depend on the fine-tune.
public struct TunedSpectra: Codable, Equatable, Sendable {
    /// Singular values of Wt, all `min(out, in)` of them.
    public var tuned: [Float]
    /// Singular values of ΔW above the effective-rank cutoff (for a LoRA run at most r of them).
    public var delta: [Float]

    public init(tuned: [Float], delta: [Float]) {
        self.tuned = tuned
        self.delta = delta
    }
}
