/// A chart as listed in the gallery: the page group it belongs to and the page showing it.
struct ChartRecord: Sendable {
    /// Group title (plain text): `Overview` or a matrix name.
    let group: String
    /// Path of the page showing the chart, relative to the site root.
    let page: String
    let chart: Chart
}
