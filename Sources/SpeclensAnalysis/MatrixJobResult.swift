import SpeclensDataset

/// What a ``MatrixJob`` produces: the base matrix's record and one comparison per run that
/// includes it.
public struct MatrixJobResult: Codable, Equatable, Sendable {
    /// The base matrix (spectrum, shape, location).
    public let base: BaseMatrixRecord
    /// The comparison of each run that includes the matrix, keyed by run.
    public let comparisons: [RunID: MatrixComparison]

    public init(base: BaseMatrixRecord, comparisons: [RunID: MatrixComparison]) {
        self.base = base
        self.comparisons = comparisons
    }
}
