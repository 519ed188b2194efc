/// A chart as listed in the gallery: the page group it belongs to, the page showing it, and
/// the chart's title and file path. Only these are kept (not the chart's drawing), so that a
/// site of thousands of charts does not hold them all until the gallery is rendered.
struct ChartRecord: Sendable {
    /// Group title (plain text): `Overview` or a matrix name.
    let group: String
    /// Path of the page showing the chart, relative to the site root.
    let page: String
    /// The chart's accessible title (its caption in the gallery).
    let title: String
    /// Path of the chart's files without extension (`.svg`, `.csv`), relative to the site root.
    let path: String
}
