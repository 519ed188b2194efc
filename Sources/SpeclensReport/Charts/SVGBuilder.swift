import SpeclensDataset

/// Builds an SVG document element by element, as `SVGElement` values. Every text and attribute
/// value is XML-escaped when written; numbers are written with at most two decimals, so output is
/// deterministic. The document has no blank lines (it is embedded in Markdown as a raw HTML block).
struct SVGBuilder: Sendable {
    let width: Double
    let height: Double
    /// Accessible name (`<title>`).
    let title: String
    /// Accessible description (`<desc>`).
    let description: String
    private(set) var elements: [SVGElement] = []

    init(width: Double, height: Double, title: String, description: String) {
        self.width = width
        self.height = height
        self.title = title
        self.description = description
    }

    private static func n(_ value: Double) -> String { value.isFinite ? NumberFormat.coordinate(value) : "0" }

    /// A tooltip child when `text` is given.
    private static func content(tooltip text: String?) -> SVGElement.Content {
        text.map { .tooltip($0) } ?? .empty
    }

    /// `dash` unless it is empty.
    private static func dashArray(_ dash: String?) -> SVGAttribute? {
        .optional("stroke-dasharray", dash.flatMap { $0.isEmpty ? nil : $0 })
    }

    mutating func line(
        x1: Double, y1: Double, x2: Double, y2: Double, classes: [SVGClass] = [],
        stroke: String? = nil, width: Double? = nil, dash: String? = nil
    ) {
        elements.append(
            SVGElement(
                "line",
                [
                    .plain(name: "x1", value: Self.n(x1)), .plain(name: "y1", value: Self.n(y1)),
                    .plain(name: "x2", value: Self.n(x2)), .plain(name: "y2", value: Self.n(y2)),
                    .optional(classes: classes), .optional("stroke", stroke),
                    .optional("stroke-width", width.map(Self.n)),
                    Self.dashArray(dash),
                ]))
    }

    mutating func rect(
        x: Double, y: Double, width: Double, height: Double, fill: String? = nil,
        classes: [SVGClass] = [], stroke: String? = nil, strokeWidth: Double? = nil,
        tooltip: String? = nil
    ) {
        elements.append(
            SVGElement(
                "rect",
                [
                    .plain(name: "x", value: Self.n(x)), .plain(name: "y", value: Self.n(y)),
                    .plain(name: "width", value: Self.n(max(0, width))),
                    .plain(name: "height", value: Self.n(max(0, height))),
                    .optional("fill", fill), .optional(classes: classes), .optional("stroke", stroke),
                    .optional("stroke-width", strokeWidth.map(Self.n)),
                ], content: Self.content(tooltip: tooltip)))
    }

    mutating func circle(
        cx: Double, cy: Double, r: Double, fill: String? = nil, classes: [SVGClass] = [],
        stroke: String? = nil, tooltip: String? = nil
    ) {
        elements.append(
            SVGElement(
                "circle",
                [
                    .plain(name: "cx", value: Self.n(cx)), .plain(name: "cy", value: Self.n(cy)),
                    .plain(name: "r", value: Self.n(r)),
                    .optional("fill", fill), .optional(classes: classes), .optional("stroke", stroke),
                ], content: Self.content(tooltip: tooltip)))
    }

    mutating func polygon(
        _ points: [(Double, Double)], fill: String? = nil, classes: [SVGClass] = [],
        stroke: String? = nil, tooltip: String? = nil
    ) {
        let list = points.map { "\(Self.n($0.0)),\(Self.n($0.1))" }.joined(separator: " ")
        elements.append(
            SVGElement(
                "polygon",
                [
                    .plain(name: "points", value: list), .optional("fill", fill), .optional(classes: classes),
                    .optional("stroke", stroke),
                ], content: Self.content(tooltip: tooltip)))
    }

    mutating func polyline(
        _ points: [(Double, Double)], stroke: String? = nil, width: Double = 1.5,
        dash: String? = nil, classes: [SVGClass] = []
    ) {
        guard !points.isEmpty else { return }
        // One decimal is a tenth of a pixel: plenty for lines, and long spectra stay small.
        let list = points.map { "\(Self.n1($0.0)),\(Self.n1($0.1))" }.joined(separator: " ")
        elements.append(
            SVGElement(
                "polyline",
                [
                    .plain(name: "points", value: list), .plain(name: "fill", value: "none"),
                    .optional("stroke", stroke), .plain(name: "stroke-width", value: Self.n(width)),
                    Self.dashArray(dash), .optional(classes: classes), .plain(name: "stroke-linejoin", value: "round"),
                ]))
    }

    /// Text anchored at (x, y); `rotate` turns it about that point (degrees).
    mutating func text(
        _ content: String, x: Double, y: Double, anchor: String = "start", classes: [SVGClass] = [.lbl],
        fill: String? = nil, rotate: Double? = nil, baseline: String? = nil, size: Double? = nil
    ) {
        elements.append(
            SVGElement(
                "text",
                [
                    .plain(name: "x", value: Self.n(x)), .plain(name: "y", value: Self.n(y)),
                    .optional("text-anchor", anchor == "start" ? nil : anchor), .optional(classes: classes),
                    .optional("fill", fill), .optional("dominant-baseline", baseline),
                    .optional("font-size", size.map(Self.n)),
                    .optional("transform", rotate.map { "rotate(\(Self.n($0)) \(Self.n(x)) \(Self.n(y)))" }),
                ], content: .text(content)))
    }

    /// One data series in the palette's style for series `index`: a line through `points` in
    /// its colour and dash pattern, with its marker at every point, grouped and labelled.
    mutating func series(_ points: [(Double, Double)], index: Int, label: String) {
        let color = CategoricalPalette.color(index)
        group(classes: [.series], label: label) { svg in
            svg.polyline(points, stroke: color, width: 2, dash: CategoricalPalette.dash(index))
            for point in points {
                CategoricalPalette.marker(index).draw(into: &svg, x: point.0, y: point.1, size: 6, color: color)
            }
        }
    }

    /// A null control's reference curve: a grey line through `points` in the dash pattern of
    /// `kind`, with `marker` at every point carrying the point's value as a tooltip, grouped and
    /// labelled (see `NullControlStyle`).
    mutating func controlSeries(
        _ points: [(x: Double, y: Double, tooltip: String)], kind: NullControlKind,
        marker: ChartMarker, label: String
    ) {
        group(classes: [.series], label: label) { svg in
            svg.polyline(
                points.map { ($0.x, $0.y) }, stroke: NullControlStyle.color, width: 1.5,
                dash: NullControlStyle.dash(kind))
            for point in points {
                marker.draw(
                    into: &svg, x: point.x, y: point.y, size: 4.5, color: NullControlStyle.color, tooltip: point.tooltip
                )
            }
        }
    }

    /// A `<g>` holding what `body` draws.
    mutating func group(classes: [SVGClass] = [], label: String? = nil, _ body: (inout SVGBuilder) -> Void) {
        var inner = SVGBuilder(width: width, height: height, title: title, description: description)
        body(&inner)
        elements.append(
            SVGElement(
                "g", [.optional(classes: classes), .optional("aria-label", label)],
                content: .children(inner.elements)))
    }

    /// Heat-map cells on a grid: cell (column, row) covers `origin + (column, row) × cellSize`.
    /// Cells are drawn as one `<path>` per colour of horizontal strokes one cell thick (runs of a
    /// colour in a row merged, relative moves between them), which keeps large heat maps small: a
    /// 32 × 32 map is a few kilobytes, not one `<rect>` per cell. Strokes are slightly thicker than
    /// a cell so that no anti-aliasing seams show between rows.
    mutating func cells(_ cells: [(column: Int, row: Int, color: String)], x: Double, y: Double, cellSize: Double) {
        guard !cells.isEmpty, cellSize > 0 else { return }
        var byColor: [String: [(Int, Int)]] = [:]
        for cell in cells { byColor[cell.color, default: []].append((cell.row, cell.column)) }
        var paths: [SVGElement] = []
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
            paths.append(SVGElement("path", [.plain(name: "stroke", value: color), .plain(name: "d", value: d)]))
        }
        elements.append(
            SVGElement(
                "g",
                [
                    .plain(
                        name: "transform", value: "translate(\(Self.n(x)) \(Self.n(y))) scale(\(Self.n4(cellSize)))"),
                    .plain(name: "fill", value: "none"),
                    .plain(name: "stroke-width", value: Self.n4(1 + 0.4 / cellSize)),
                ], content: .children(paths)))
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
    static let standaloneStyle: XMLText =
        "<style>text:not([fill]){fill:#222}.ax{stroke:#444}.grid{stroke:#ddd}.ref{stroke:#444}"
        + ".ttl{font-weight:600}.sub{fill:#555}.na{fill:#eee}.frame{fill:none;stroke:#888}</style>"

    /// The document: with an XML prolog and its own style when `standalone` (in `style`), else for
    /// inclusion in an HTML page (styled by the page's `style.css`).
    func render(standalone: Bool, style: FigureStyle = .web) -> XMLText {
        var out: XMLText = standalone ? "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" : .empty
        let viewBox = "0 0 \(Self.n(width)) \(Self.n(height))"
        let pixelWidth = Int(width.rounded(.up))
        let pixelHeight = Int(height.rounded(.up))
        let paper = standalone && style == .paper
        if paper {
            out +=
                "<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\" role=\"img\" "
                + "viewBox=\"\(viewBox)\" width=\"\(pixelWidth)px\" height=\"\(pixelHeight)px\">\n"
            out += "<title>\(title)</title>\n<desc>\(description)</desc>\n"
            out += "<rect x=\"0\" y=\"0\" width=\"\(Self.n(width))\" height=\"\(Self.n(height))\" fill=\"#ffffff\"/>\n"
            out += "<g font-family=\"serif\" font-size=\"11px\" fill=\"#000000\">\n"
        } else {
            out +=
                "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" role=\"img\" "
                + "viewBox=\"\(viewBox)\" width=\"\(pixelWidth)\" height=\"\(pixelHeight)\">\n"
            out += "<title>\(title)</title>\n<desc>\(description)</desc>\n"
            if standalone {
                out += "<rect x=\"0\" y=\"0\" width=\"\(Self.n(width))\" height=\"\(Self.n(height))\" fill=\"#fff\"/>\n"
                out += Self.standaloneStyle + "\n"
            }
            out += "<g font-family=\"'DejaVu Sans', 'Helvetica Neue', Arial, sans-serif\" font-size=\"11\">\n"
        }
        for element in elements {
            for line in element.lines(paper: paper) { out += line + "\n" }
        }
        return out + "</g>\n</svg>" + (standalone ? "\n" : "")
    }
}
