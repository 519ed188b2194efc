/// One quantity of the dataset, listed once: its JSON key, what it means, its unit and
/// convention, and how the export reads it. The tidy export, the field tables of
/// docs/dataset.md and the report's generic per-matrix tables are all made from
/// ``MeasureCatalogue``; nothing else spells a measure's key.
public struct Measure: Sendable {
    /// The key in its record (`effective_rank`; a nested one with dots, `lora.r`), or for a derived
    /// export column its column name.
    public let key: String
    /// The record that holds it.
    public let record: MeasureRecord
    /// Its JSON type, as docs/dataset.md states it (`number or null`).
    public let type: String
    /// A short label for readers (`effective rank of ΔW`).
    public let label: String
    /// Unit and convention in a few words (`count`, `|cos| ∈ [0, 1]`, `weight units`); empty
    /// for names and flags.
    public let unit: String
    /// What it is, in one line (Markdown; may link to docs/method.md).
    public let doc: String
    /// Its columns in the export.
    public let export: MeasureExport
    /// Reads it from one export row; nil when it is not exported.
    public let read: (@Sendable (MeasureRow) -> MeasureValue)?
    /// Its row in a matrix page's numbers table; nil when it has none.
    public let page: MeasurePage?
    /// Its heat maps on the overview; nil when it has none.
    public let heatMap: MeasureHeatMap?

    public init(
        _ key: String, in record: MeasureRecord, type: String, label: String, unit: String = "", doc: String,
        export: MeasureExport, read: (@Sendable (MeasureRow) -> MeasureValue)? = nil, page: MeasurePage? = nil,
        heatMap: MeasureHeatMap? = nil
    ) {
        self.key = key
        self.record = record
        self.type = type
        self.label = label
        self.unit = unit
        self.doc = doc
        self.export = export
        self.read = read
        self.page = page
        self.heatMap = heatMap
    }

    /// The label with a capital first letter, as a title.
    public var title: String { label.prefix(1).uppercased() + label.dropFirst() }

    /// The JSON path (`runs[].matrices[].effective_rank`); nil for derived columns.
    public var path: String? { record.path(key) }
}
