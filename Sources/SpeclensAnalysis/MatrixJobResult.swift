import SpeclensDataset

/// What a `MatrixJob` produces: the base matrix's record and one comparison per run.
public struct MatrixJobResult: Codable, Equatable, Sendable {
    /// The base matrix (spectrum, shape, location).
    public let base: BaseMatrixRecord
    /// One entry per run, in run order; nil where the run does not include the matrix.
    public let comparisons: [MatrixComparison?]

    public init(base: BaseMatrixRecord, comparisons: [MatrixComparison?]) {
        self.base = base
        self.comparisons = comparisons
    }
}
