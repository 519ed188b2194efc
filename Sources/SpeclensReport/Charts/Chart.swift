/// A finished chart: the SVG (inline and standalone forms) plus the numbers behind it as CSV.
struct Chart: Sendable {
    /// The figure kind the gallery lists it under, stated by the builder that made it.
    let kind: FigureKind
    /// Where the chart's files go, without extension (e.g. `charts/overview/x`).
    let path: SitePath
    /// A one-line caption (plain text, escaped where used).
    let caption: String
    let svg: SVGBuilder
    let csv: CSVTable

    /// `<figure>` HTML for `page`, the page showing it: the inline chart, its caption and,
    /// `withFiles`, links to the standalone SVG and CSV files. Contains no blank line.
    func figure(on page: SitePath, withFiles: Bool) -> HTMLText {
        var html: HTMLText =
            "<figure class=\"chart\">\n\(HTMLText(inlineSVG: svg.render(standalone: false)))\n<figcaption>\(caption)"
        if withFiles {
            html +=
                " <span class=\"files\">(<a href=\"\(page.link(to: path.adding(extension: "svg")))\">SVG</a>, "
                + "<a href=\"\(page.link(to: path.adding(extension: "csv")))\">CSV</a>)</span>"
        }
        return html + "</figcaption>\n</figure>"
    }
}
