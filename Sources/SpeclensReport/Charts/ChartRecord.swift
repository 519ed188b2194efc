/// A chart as listed in the gallery: its figure kind, the page group it belongs to, the page showing it, and
/// the chart's title and file path. Only these are kept (not the chart's drawing), so that a
/// site of thousands of charts does not hold them all until the gallery is rendered.
struct ChartRecord: Sendable {
    /// The figure kind the gallery lists it under.
    let kind: FigureKind
    /// Group title (plain text): `Overview` or a matrix name.
    let group: String
    /// The page showing the chart.
    let page: SitePath
    /// The chart's accessible title (its caption in the gallery).
    let title: String
    /// Where the chart's files are, without extension (`.svg`, `.csv`).
    let path: SitePath
}
