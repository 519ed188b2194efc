/// A base matrix and its fine-tuned counterpart, to be compared.
public struct MatrixPair: Sendable, Equatable {
    /// Tensor name in the base checkpoint.
    public let baseName: String
    /// Name on the tuned side: the tuned tensor, the adapter's saved tensor, or the LoRA module
    /// name + ".weight" (e.g. "bert.encoder.layer.0.attention.self.query.weight").
    public let tunedName: String
    /// How the names were matched, read as the change that turns ``tunedName`` into ``baseName``:
    /// `exact`, `removed prefix "bert."` (tuned `bert.x.weight` ↔ base `x.weight`), or
    /// `added prefix "model."` (tuned `x.weight` ↔ base `model.x.weight`); prefixed with
    /// `modules_to_save, ` for an adapter's saved tensor.
    public let matchedBy: String
    /// Shape of both matrices, `[out, in]` (row-major, as stored).
    public let shape: [Int]
    /// Where the tuned matrix comes from.
    public let source: TunedMatrixSource

    /// A pair; see the properties for the conventions.
    public init(baseName: String, tunedName: String, matchedBy: String, shape: [Int], source: TunedMatrixSource) {
        self.baseName = baseName
        self.tunedName = tunedName
        self.matchedBy = matchedBy
        self.shape = shape
        self.source = source
    }
}
