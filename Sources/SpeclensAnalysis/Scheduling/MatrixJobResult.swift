import SpeclensDataset

/// What a ``MatrixJob`` produces: the base matrix's record, one comparison per run that
/// includes it, and what could not be analysed because a matrix was damaged.
struct MatrixJobResult: Codable, Sendable, Equatable {
    /// The base matrix (spectrum, shape, location); nil when the base matrix itself could not be
    /// analysed (then every run lists it in ``damaged``).
    let base: BaseMatrixRecord?
    /// The comparison of each run that includes the matrix, keyed by run.
    let comparisons: [RunID: MatrixComparison]
    /// Per run, the tensor found damaged while analysing this matrix (NaN/Inf values, an SVD
    /// that did not converge).
    let damaged: [RunID: Exclusion]
    /// For steps k ≥ 2 of a stack that include the matrix: the comparison with step k − 1
    /// (``PreviousStepAnalysis``), keyed by the step's run; nil when there is none (and in
    /// journals written before it existed).
    var againstPreviousStep: [RunID: MatrixComparison]?

    init(base: BaseMatrixRecord?, comparisons: [RunID: MatrixComparison], damaged: [RunID: Exclusion] = [:]) {
        self.base = base
        self.comparisons = comparisons
        self.damaged = damaged
    }
}
