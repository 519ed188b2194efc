/// Builds an SVG document element by element. Every text and attribute value is XML-escaped;
/// numbers are written with at most two decimals, so output is deterministic. The document has
/// no blank lines (it is embedded in Markdown as a raw HTML block).
struct SVGBuilder: Sendable {
    let width: Double
    let height: Double
    /// Accessible name (`<title>`).
    let title: String
    /// Accessible description (`<desc>`).
    let description: String
    private(set) var elements: [String] = []

    init(width: Double, height: Double, title: String, description: String) {
        self.width = width
        self.height = height
        self.title = title
        self.description = description
    }

    private static func n(_ value: Double) -> String { value.isFinite ? NumberFormat.coordinate(value) : "0" }
    private static func e(_ text: String) -> String { TextEscaping.xml(text) }

    private static func attributes(_ pairs: [(String, String?)]) -> String {
        pairs.compactMap { key, value in value.map { " \(key)=\"\(e($0))\"" } }.joined()
    }

    private static func tooltip(_ text: String?) -> String {
        text.map { "<title>\(e($0))</title>" } ?? ""
    }

    mutating func line(
        x1: Double, y1: Double, x2: Double, y2: Double, cssClass: String? = nil,
        stroke: String? = nil, width: Double? = nil, dash: String? = nil
    ) {
        elements.append(
            "<line x1=\"\(Self.n(x1))\" y1=\"\(Self.n(y1))\" x2=\"\(Self.n(x2))\" y2=\"\(Self.n(y2))\""
                + Self.attributes([
                    ("class", cssClass), ("stroke", stroke), ("stroke-width", width.map(Self.n)),
                    ("stroke-dasharray", dash.flatMap { $0.isEmpty ? nil : $0 }),
                ]) + "/>")
    }

    mutating func rect(
        x: Double, y: Double, width: Double, height: Double, fill: String? = nil,
        cssClass: String? = nil, stroke: String? = nil, strokeWidth: Double? = nil,
        tooltip: String? = nil
    ) {
        let head =
            "<rect x=\"\(Self.n(x))\" y=\"\(Self.n(y))\" width=\"\(Self.n(max(0, width)))\" "
            + "height=\"\(Self.n(max(0, height)))\""
            + Self.attributes([
                ("fill", fill), ("class", cssClass), ("stroke", stroke),
                ("stroke-width", strokeWidth.map(Self.n)),
            ])
        elements.append(tooltip == nil ? head + "/>" : head + ">" + Self.tooltip(tooltip) + "</rect>")
    }

    mutating func circle(cx: Double, cy: Double, r: Double, fill: String? = nil, cssClass: String? = nil,
                         stroke: String? = nil, tooltip: String? = nil) {
        let head = "<circle cx=\"\(Self.n(cx))\" cy=\"\(Self.n(cy))\" r=\"\(Self.n(r))\""
            + Self.attributes([("fill", fill), ("class", cssClass), ("stroke", stroke)])
        elements.append(tooltip == nil ? head + "/>" : head + ">" + Self.tooltip(tooltip) + "</circle>")
    }

    mutating func polygon(_ points: [(Double, Double)], fill: String? = nil, cssClass: String? = nil) {
        let list = points.map { "\(Self.n($0.0)),\(Self.n($0.1))" }.joined(separator: " ")
        elements.append("<polygon points=\"\(list)\"" + Self.attributes([("fill", fill), ("class", cssClass)]) + "/>")
    }

    mutating func polyline(
        _ points: [(Double, Double)], stroke: String? = nil, width: Double = 1.5,
        dash: String? = nil, cssClass: String? = nil
    ) {
        guard !points.isEmpty else { return }
        // One decimal is a tenth of a pixel: plenty for lines, and long spectra stay small.
        let list = points.map { "\(Self.n1($0.0)),\(Self.n1($0.1))" }.joined(separator: " ")
        elements.append(
            "<polyline points=\"\(list)\" fill=\"none\""
                + Self.attributes([
                    ("stroke", stroke), ("stroke-width", Self.n(width)),
                    ("stroke-dasharray", dash.flatMap { $0.isEmpty ? nil : $0 }), ("class", cssClass),
                    ("stroke-linejoin", "round"),
                ]) + "/>")
    }

    /// Text anchored at (x, y); `rotate` turns it about that point (degrees).
    mutating func text(
        _ content: String, x: Double, y: Double, anchor: String = "start", cssClass: String? = "lbl",
        fill: String? = nil, rotate: Double? = nil, baseline: String? = nil, size: Double? = nil
    ) {
        elements.append(
            "<text x=\"\(Self.n(x))\" y=\"\(Self.n(y))\""
                + Self.attributes([
                    ("text-anchor", anchor == "start" ? nil : anchor), ("class", cssClass),
                    ("fill", fill), ("dominant-baseline", baseline), ("font-size", size.map(Self.n)),
                    ("transform", rotate.map { "rotate(\(Self.n($0)) \(Self.n(x)) \(Self.n(y)))" }),
                ]) + ">" + Self.e(content) + "</text>")
    }

    /// Opens a group; pair with `endGroup()`.
    /// One data series in the palette's style for series `index`: a line through `points` in
    /// its colour and dash pattern, with its marker at every point, grouped and labelled.
    mutating func series(_ points: [(Double, Double)], index: Int, label: String) {
        let color = CategoricalPalette.color(index)
        beginGroup(cssClass: "series", label: label)
        polyline(points, stroke: color, width: 2, dash: CategoricalPalette.dash(index))
        for point in points {
            CategoricalPalette.marker(index).draw(into: &self, x: point.0, y: point.1, size: 6, color: color)
        }
        endGroup()
    }

    mutating func beginGroup(cssClass: String? = nil, label: String? = nil) {
        elements.append("<g" + Self.attributes([("class", cssClass), ("aria-label", label)]) + ">")
    }

    mutating func endGroup() { elements.append("</g>") }

    /// Heat-map cells on a grid: cell (column, row) covers `origin + (column, row) × cellSize`.
    /// Cells are drawn as one `<path>` per colour of horizontal strokes one cell thick (runs of a
    /// colour in a row merged, relative moves between them), which keeps large heat maps small: a
    /// 32 × 32 map is a few kilobytes, not one `<rect>` per cell. Strokes are slightly thicker than
    /// a cell so that no anti-aliasing seams show between rows.
    mutating func cells(_ cells: [(column: Int, row: Int, color: String)], x: Double, y: Double, cellSize: Double) {
        guard !cells.isEmpty, cellSize > 0 else { return }
        var byColor: [String: [(Int, Int)]] = [:]
        for cell in cells { byColor[cell.color, default: []].append((cell.row, cell.column)) }
        elements.append("<g transform=\"translate(\(Self.n(x)) \(Self.n(y))) scale(\(Self.n4(cellSize)))\" fill=\"none\" stroke-width=\"\(Self.n4(1 + 0.4 / cellSize))\">")
        for color in byColor.keys.sorted() {
            let sorted = byColor[color]!.sorted { $0 < $1 }
            var d = ""
            var index = 0
            var current: (row: Int, end: Int)? = nil
            while index < sorted.count {
                let (row, start) = sorted[index]
                var end = start
                while index + 1 < sorted.count, sorted[index + 1] == (row, end + 1) {
                    end += 1
                    index += 1
                }
                if let current, current.row == row {
                    d += "m\(start - current.end) 0"
                } else {
                    d += "M\(start) \(row).5"
                }
                d += "h\(end - start + 1)"
                current = (row, end + 1)
                index += 1
            }
            elements.append("<path stroke=\"\(Self.e(color))\" d=\"\(d)\"/>")
        }
        elements.append("</g>")
    }

    private static func n1(_ value: Double) -> String {
        guard value.isFinite else { return "0" }
        var text = NumberFormat.fixed(value, 1)
        if text.hasSuffix(".0") { text.removeLast(2) }
        return text == "-0" ? "0" : text
    }

    private static func n4(_ value: Double) -> String {
        guard value.isFinite else { return "0" }
        var text = NumberFormat.fixed(value, 4)
        if text.contains(".") {
            while text.hasSuffix("0") { text.removeLast() }
            if text.hasSuffix(".") { text.removeLast() }
        }
        return text
    }

    /// Styles of a standalone file (the HTML pages style inline charts with `style.css`).
    static let standaloneStyle =
        "<style>text:not([fill]){fill:#222}.ax{stroke:#444}.grid{stroke:#ddd}.ref{stroke:#444}"
        + ".ttl{font-weight:600}.sub{fill:#555}.na{fill:#eee}.frame{fill:none;stroke:#888}</style>"

    /// Presentation attributes replacing each CSS class in the paper style (no style sheet).
    static let paperAttributes: [String: [(String, String)]] = [
        "ax": [("stroke", "#000000")], "ref": [("stroke", "#000000")],
        "grid": [("stroke", "#cccccc"), ("stroke-width", "0.6")],
        "ttl": [("font-weight", "bold")], "sub": [("fill", "#444444")], "na": [("fill", "#e6e6e6")],
        "frame": [("fill", "none"), ("stroke", "#555555")],
    ]

    /// Replaces every ` class="…"` attribute of `element` by the paper style's presentation
    /// attributes (an attribute the element already sets is kept).
    static func paperElement(_ element: String) -> String {
        guard let start = element.range(of: " class=\"") else { return element }
        guard let end = element[start.upperBound...].firstIndex(of: "\"") else { return element }
        let classes = element[start.upperBound..<end].split(separator: " ").map(String.init)
        var rest = element
        rest.removeSubrange(start.lowerBound...end)
        var extra = ""
        for name in classes {
            for (key, value) in paperAttributes[name] ?? [] where !rest.contains(" \(key)=\"") && !extra.contains(" \(key)=\"") {
                extra += " \(key)=\"\(value)\""
            }
        }
        if !extra.isEmpty, let close = rest.firstIndex(where: { $0 == " " || $0 == ">" || $0 == "/" }) {
            rest.insert(contentsOf: extra, at: close)
        }
        return paperElement(rest)
    }

    /// The document: with an XML prolog and its own style when `standalone` (in `style`), else for
    /// inclusion in an HTML page (styled by the page's `style.css`).
    func render(standalone: Bool, style: FigureStyle = .web) -> String {
        var out = standalone ? "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" : ""
        if standalone && style == .paper {
            out += "<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\" role=\"img\" "
                + "viewBox=\"0 0 \(Self.n(width)) \(Self.n(height))\" width=\"\(Int(width.rounded(.up)))px\" "
                + "height=\"\(Int(height.rounded(.up)))px\">\n"
            out += "<title>\(Self.e(title))</title>\n<desc>\(Self.e(description))</desc>\n"
            out += "<rect x=\"0\" y=\"0\" width=\"\(Self.n(width))\" height=\"\(Self.n(height))\" fill=\"#ffffff\"/>\n"
            out += "<g font-family=\"serif\" font-size=\"11px\" fill=\"#000000\">\n"
            for element in elements { out += Self.paperElement(element) + "\n" }
            return out + "</g>\n</svg>\n"
        }
        out += "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" role=\"img\" "
            + "viewBox=\"0 0 \(Self.n(width)) \(Self.n(height))\" width=\"\(Int(width.rounded(.up)))\" "
            + "height=\"\(Int(height.rounded(.up)))\">\n"
        out += "<title>\(Self.e(title))</title>\n<desc>\(Self.e(description))</desc>\n"
        if standalone {
            out += "<rect x=\"0\" y=\"0\" width=\"\(Self.n(width))\" height=\"\(Self.n(height))\" fill=\"#fff\"/>\n"
            out += Self.standaloneStyle + "\n"
        }
        out += "<g font-family=\"'DejaVu Sans', 'Helvetica Neue', Arial, sans-serif\" font-size=\"11\">\n"
        for element in elements { out += element + "\n" }
        out += "</g>\n</svg>" + (standalone ? "\n" : "")
        return out
    }
}
