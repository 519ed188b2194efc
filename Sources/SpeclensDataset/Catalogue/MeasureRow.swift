/// The records one export row (one run × one matrix) is read from.
public struct MeasureRow: Sendable {
    /// The run.
    public let run: FineTuneRun
    /// The matrix's comparison in that run (against the base, or against the previous stack step).
    public let comparison: MatrixComparison
    /// The base matrix of that name; nil when the dataset has none (not in a consistent dataset).
    public let base: BaseMatrixRecord?
    /// The settings the dataset was analysed with.
    public let parameters: AnalysisParameters

    public init(run: FineTuneRun, comparison: MatrixComparison, base: BaseMatrixRecord?, parameters: AnalysisParameters)
    {
        self.run = run
        self.comparison = comparison
        self.base = base
        self.parameters = parameters
    }

    /// The matrix's name read as a tensor name (layer, module, kind).
    public var tensorName: TensorName { TensorName(comparison.name) }
}
