/// How an analysis computes the fine-tuned matrices' singular vectors when it does not need the
/// whole spectrum (docs/method.md §1.6).
public enum DecompositionPolicy: String, Codable, Sendable, Hashable, CaseIterable {
    /// The certified randomized top triplets where a cost model says they are cheaper than the
    /// exact decomposition, with the exact path as fallback; the exact path otherwise.
    case automatic
    /// The certified randomized top triplets for every matrix whatever the cost (falling back to
    /// the exact path only when they cannot be certified); for tests and audits.
    case randomized
    /// Always the exact LAPACK decomposition (every dataset before this field).
    case exact
}
