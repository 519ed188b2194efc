/// A finished chart: the SVG (inline and standalone forms) plus the numbers behind it as CSV.
struct Chart: Sendable {
    /// Output path without extension, relative to the site root (e.g. `charts/overview/x`).
    let path: String
    /// A one-line caption (plain text, escaped where used).
    let caption: String
    let svg: SVGBuilder
    let csv: CSVTable

    /// `<figure>` HTML for a page whose root is `root` (`""` or `"../"`): the inline chart, its
    /// caption and, `withFiles`, links to the standalone SVG and CSV files. Contains no blank line.
    func figure(root: String, withFiles: Bool) -> HTMLText {
        var html: HTMLText = "<figure class=\"chart\">\n\(HTMLText(inlineSVG: svg.render(standalone: false)))\n<figcaption>\(caption)"
        if withFiles {
            html += " <span class=\"files\">(<a href=\"\(root)\(path).svg\">SVG</a>, <a href=\"\(root)\(path).csv\">CSV</a>)</span>"
        }
        return html + "</figcaption>\n</figure>"
    }
}
