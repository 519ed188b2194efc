/// How an analysis computes the fine-tuned matrices' singular vectors when it does not need the
/// whole spectrum (docs/method.md §1.6).
public enum DecompositionPolicy: String, Codable, Sendable, Hashable, CaseIterable {
    /// The float64 Gram eigen-decomposition (``DecompositionPath/gram``), and the exact LAPACK
    /// SVD where that does not apply.
    case automatic
    /// The certified randomized top triplets (subspace iteration) for every matrix whatever the cost,
    /// falling back to the exact path when they cannot be certified; for tests and audits.
    case randomized
    /// Always the exact LAPACK decomposition of Wt, top triplets and whole spectra alike (every
    /// dataset before this field).
    case exact
}
