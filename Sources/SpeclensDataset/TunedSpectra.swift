/// Singular values (descending) that depend on the fine-tune.
public struct TunedSpectra: Codable, Equatable, Sendable {
    /// Singular values of Wt: all `min(out, in)` of them, or only the top
    /// `max(top_k, similarity_top_n)` where the analysis cut the spectrum (without
    /// `parameters.full_spectra`, for matrices outside the whole-spectrum sample).
    public var tuned: [Float]
    /// Singular values of ΔW above the effective-rank cutoff (for a LoRA run at most r of them).
    public var delta: [Float]

    /// Whether Wt's spectrum is cut: fewer values than the base matrix's `baseCount`.
    public func isCut(baseCount: Int) -> Bool { tuned.count < baseCount }

    public init(tuned: [Float], delta: [Float]) {
        self.tuned = tuned
        self.delta = delta
    }
}
