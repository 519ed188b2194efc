/// What a matrix page's numbers table is read at: the row, the ε in force (the reading ε) and the
/// analysis ε (`parameters.epsilon`), which differ when the report is read at another ε.
public struct MeasurePageContext: Sendable {
    /// The run × matrix the table is for.
    public let row: MeasureRow
    /// The ε in force on the page.
    public let epsilon: Double
    /// The ε the dataset was analysed at.
    public var analysisEpsilon: Double { row.parameters.epsilon }

    public init(row: MeasureRow, epsilon: Double) {
        self.row = row
        self.epsilon = epsilon
    }
}
