extension SVGBuilder {
    /// One run's data series in its `style`: a line through `points` in its colour and dash
    /// pattern, with its marker at every point, grouped and labelled.
    mutating func series(
        _ points: [(Double, Double)], style: RunStyle, label: String, width: Double = 2, markerSize: Double = 6
    ) {
        group(classes: [.series], label: label) { svg in
            svg.polyline(points, stroke: style.color, width: width, dash: style.dash)
            for point in points {
                style.marker.draw(into: &svg, x: point.0, y: point.1, size: markerSize, color: style.color)
            }
        }
    }
}
