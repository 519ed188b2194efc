/// Point marker shapes of line charts.
enum ChartMarker: CaseIterable, Sendable {
    case circle, square, triangle, diamond

    /// Draws the marker centred at (x, y), with `tooltip` as its `<title>` when given.
    func draw(into svg: inout SVGBuilder, x: Double, y: Double, size: Double, color: String, tooltip: String? = nil) {
        let h = size / 2
        switch self {
        case .circle:
            svg.circle(cx: x, cy: y, r: h, fill: color, tooltip: tooltip)
        case .square:
            svg.rect(x: x - h, y: y - h, width: size, height: size, fill: color, tooltip: tooltip)
        case .triangle:
            svg.polygon(
                [(x, y - h * 1.2), (x + h * 1.1, y + h * 0.8), (x - h * 1.1, y + h * 0.8)], fill: color,
                tooltip: tooltip)
        case .diamond:
            svg.polygon(
                [(x, y - h * 1.3), (x + h * 1.1, y), (x, y + h * 1.3), (x - h * 1.1, y)], fill: color, tooltip: tooltip)
        }
    }
}
