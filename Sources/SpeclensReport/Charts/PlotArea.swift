/// The rectangle of a chart that holds the data, inside the margins for axes and legends.
struct PlotArea: Sendable {
    var x: Double
    var y: Double
    var width: Double
    var height: Double

    var left: Double { x }
    var right: Double { x + width }
    var top: Double { y }
    var bottom: Double { y + height }

    /// Estimated width of `text` in pixels at `size` (sans-serif average advance ≈ 0.6 em).
    static func textWidth(_ text: String, size: Double = 11) -> Double {
        Double(text.count) * size * 0.6
    }

    /// `text` cut to `limit` characters with an ellipsis.
    static func truncate(_ text: String, _ limit: Int) -> String {
        text.count <= limit ? text : String(text.prefix(max(1, limit - 1))) + "…"
    }
}
