/// How a per-matrix quantity shows in the numbers table of a matrix page: where, with what
/// label and in what style. Quantities without one are not in that table.
public struct MeasurePage: Sendable {
    /// Position in the table (ascending), so that the table's order need not be the export's.
    public let order: Int
    /// How its value is written.
    public let style: NumberStyle
    /// The row's label (plain text); nil when the row is left out for this matrix (e.g. a LoRA
    /// measure of a full fine-tune). Nil here: the measure's label, always shown.
    public let label: (@Sendable (MeasurePageContext) -> String?)?
    /// The value shown, when not the exported one (e.g. counts at the ε in force).
    public let value: (@Sendable (MeasurePageContext) -> MeasureValue)?
    /// Whether the value carries the near-storage-resolution mark when its matrix is flagged.
    public let marksStorageResolution: Bool

    public init(
        order: Int, style: NumberStyle, marksStorageResolution: Bool = false,
        label: (@Sendable (MeasurePageContext) -> String?)? = nil,
        value: (@Sendable (MeasurePageContext) -> MeasureValue)? = nil
    ) {
        self.order = order
        self.style = style
        self.marksStorageResolution = marksStorageResolution
        self.label = label
        self.value = value
    }
}
