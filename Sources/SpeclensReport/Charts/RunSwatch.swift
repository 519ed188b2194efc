/// A run's line sample (its colour, dash pattern and marker) as a small inline SVG for tables and
/// headings, so that a reader matches a row to its chart series. Decorative: hidden from assistive
/// technology, since the run's label is always next to it.
enum RunSwatch {
    /// The swatch of `style`, for inline HTML.
    static func html(_ style: RunStyle) -> HTMLText {
        var svg = SVGBuilder(width: 28, height: 12, title: "", description: "")
        svg.line(x1: 1, y1: 6, x2: 27, y2: 6, stroke: style.color, width: 2, dash: style.dash)
        style.marker.draw(into: &svg, x: 14, y: 6, size: 7, color: style.color)
        var markup: XMLText =
            "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"swatch\" width=\"28\" height=\"12\" viewBox=\"0 0 28 12\" aria-hidden=\"true\">"
        for element in svg.elements {
            for line in element.lines(paper: false) { markup += line }
        }
        return HTMLText(inlineSVG: markup + "</svg>")
    }
}
