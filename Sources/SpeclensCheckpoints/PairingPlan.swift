/// The outcome of matching a base checkpoint with a fine-tuned one: what to compare and what not.
public struct PairingPlan: Sendable {
    /// Matrix pairs to compare, sorted by ``MatrixPair/baseName``.
    public let pairs: [MatrixPair]
    /// Tensors left out, sorted by (source, name).
    public let excluded: [TensorExclusion]

    /// A plan; the arrays are stored as given (``MatrixPairing`` sorts them).
    public init(pairs: [MatrixPair], excluded: [TensorExclusion]) {
        self.pairs = pairs
        self.excluded = excluded
    }
}
