/// A legend placed around a plot (`LegendPlacement`): the room it takes on each side, and where
/// it is drawn. Top and bottom legends wrap in rows; a right legend has one entry per line.
struct LegendFrame {
    let legend: ChartLegend
    let placement: LegendPlacement
    /// Width available to a top or bottom legend.
    let rowWidth: Double

    /// Longest label of a right legend.
    static let rightLabelLimit = 40

    /// Height above the plot (top placement), 0 otherwise.
    var topHeight: Double { placement == .top ? legend.height(width: rowWidth) : 0 }

    /// Height added below the chart (bottom placement), 0 otherwise.
    var bottomHeight: Double { placement == .bottom ? legend.height(width: rowWidth) + 8 : 0 }

    /// Width added to the right of the chart (right placement), 0 otherwise.
    var rightWidth: Double {
        guard placement == .right, !legend.entries.isEmpty else { return 0 }
        let widest =
            legend.entries.map {
                34 + PlotArea.textWidth(PlotArea.truncate($0.label, Self.rightLabelLimit)) + 8
            }.max() ?? 0
        return widest + 12
    }

    /// Height a right legend needs below `top`.
    var rightHeight: Double { placement == .right ? Double(legend.entries.count) * 18 : 0 }

    /// Draws the legend: above the plot at (`left`, `top`); to the right of the chart's original
    /// width `chartWidth` starting at `plotTop`; or below at `chartBottom` (the chart's height
    /// before the legend).
    func draw(
        into svg: inout SVGBuilder, left: Double, top: Double, plotTop: Double, chartWidth: Double, chartBottom: Double
    ) {
        switch placement {
        case .top:
            legend.draw(into: &svg, x: left, y: top, width: rowWidth)
        case .bottom:
            legend.draw(into: &svg, x: left, y: chartBottom, width: rowWidth)
        case .right:
            for (index, entry) in legend.entries.enumerated() {
                ChartLegend(entries: [entry], labelLimit: Self.rightLabelLimit)
                    .draw(into: &svg, x: chartWidth + 4, y: plotTop + Double(index) * 18, width: .infinity)
            }
        case .none:
            break
        }
    }
}
