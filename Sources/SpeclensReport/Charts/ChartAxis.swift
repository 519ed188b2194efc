/// An axis: line, ticks, tick labels, optional grid lines and a title with units.
struct ChartAxis {
    enum Edge { case bottom, left }

    var edge: Edge
    /// Tick values in data units.
    var ticks: [Double]
    /// Maps a data value to a pixel position along the axis.
    var position: (Double) -> Double
    /// Tick label text.
    var label: (Double) -> String
    /// Axis title, with units.
    var title: String
    /// Whether to draw grid lines across the plot.
    var grid: Bool = true

    func draw(into svg: inout SVGBuilder, plot: PlotArea) {
        svg.group(classes: [.axis]) { svg in
            switch edge {
            case .bottom:
                for tick in ticks {
                    let x = position(tick)
                    guard x >= plot.left - 0.5 && x <= plot.right + 0.5 else { continue }
                    if grid { svg.line(x1: x, y1: plot.top, x2: x, y2: plot.bottom, classes: [.grid]) }
                    svg.line(x1: x, y1: plot.bottom, x2: x, y2: plot.bottom + 5, classes: [.ax])
                    svg.text(label(tick), x: x, y: plot.bottom + 17, anchor: "middle")
                }
                svg.line(x1: plot.left, y1: plot.bottom, x2: plot.right, y2: plot.bottom, classes: [.ax])
                svg.text(
                    title, x: plot.left + plot.width / 2, y: plot.bottom + 36, anchor: "middle", classes: [.lbl, .ttl])
            case .left:
                var widest = 0.0
                for tick in ticks {
                    let y = position(tick)
                    guard y >= plot.top - 0.5 && y <= plot.bottom + 0.5 else { continue }
                    if grid { svg.line(x1: plot.left, y1: y, x2: plot.right, y2: y, classes: [.grid]) }
                    svg.line(x1: plot.left - 5, y1: y, x2: plot.left, y2: y, classes: [.ax])
                    let text = label(tick)
                    widest = max(widest, PlotArea.textWidth(text))
                    svg.text(text, x: plot.left - 8, y: y + 4, anchor: "end")
                }
                svg.line(x1: plot.left, y1: plot.top, x2: plot.left, y2: plot.bottom, classes: [.ax])
                let x = plot.left - widest - 18
                svg.text(
                    title, x: x, y: plot.top + plot.height / 2, anchor: "middle", classes: [.lbl, .ttl], rotate: -90)
            }
        }
    }
}
