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
        let list = points.map { "\(Self.n($0.0)),\(Self.n($0.1))" }.joined(separator: " ")
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
    mutating func beginGroup(cssClass: String? = nil, label: String? = nil) {
        elements.append("<g" + Self.attributes([("class", cssClass), ("aria-label", label)]) + ">")
    }

    mutating func endGroup() { elements.append("</g>") }

    /// Styles of a standalone file (the HTML pages style inline charts with `style.css`).
    static let standaloneStyle =
        "<style>text{fill:#222}.ax{stroke:#444}.grid{stroke:#ddd}.ref{stroke:#444}"
        + ".ttl{font-weight:600}.sub{fill:#555}.na{fill:#eee}.frame{fill:none;stroke:#888}</style>"

    /// The document: with an XML prolog and its own style sheet when `standalone`, else for
    /// inclusion in an HTML page.
    func render(standalone: Bool) -> String {
        var out = standalone ? "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" : ""
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
