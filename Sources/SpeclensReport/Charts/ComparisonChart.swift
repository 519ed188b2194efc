import Foundation
import SpeclensDataset

/// A measure of runs against a numeric property of the runs (a tag such as the LoRA rank, a
/// stack step, or another measure): one series per group of runs, each point a run, with runs
/// that have no x value (full fine-tunes) as horizontal reference lines. The x-axis is
/// logarithmic when every x is positive and they span a factor of 8 or more (LoRA ranks 1 … 64).
enum ComparisonChart {
    /// The gallery kind of these charts.
    static let kind = FigureKind.comparisons

    /// One run's point.
    struct Point {
        let x: Double
        let y: Double
        let run: FineTuneRun
    }

    /// A group of points drawn in one style; `connected`: joined by a line in x order.
    struct Series {
        let label: String
        let style: RunStyle
        let points: [Point]
        let connected: Bool
    }

    /// A run drawn as a horizontal line at `y` across the plot, labelled in the legend.
    struct Reference {
        let label: String
        let y: Double
        let style: RunStyle
        let run: FineTuneRun
    }

    /// The texts of a chart (plain text).
    struct Text {
        let title: String
        let description: String
        let caption: String
        let xTitle: String
        let yTitle: String
        /// CSV column names of x and y.
        let xColumn: String
        let yColumn: String
    }

    /// `zeroY`: the y-axis starts at 0 (counts, ranks); else it spans the values with a margin
    /// (supplied metrics such as accuracy).
    static func make(
        _ text: Text, series: [Series], references: [Reference], legend placement: LegendPlacement,
        integerX: Bool, integerY: Bool, zeroY: Bool = true, path: SitePath
    ) -> Chart {
        let points = series.flatMap(\.points)
        let xs = points.map(\.x).filter(\.isFinite)
        let ys = (points.map(\.y) + references.map(\.y)).filter(\.isFinite)
        let width = 680.0
        let legend = legend(series: series, references: references)
        let frame = LegendFrame(legend: legend, placement: placement, rowWidth: width - 80)
        let plot = PlotArea(x: 70, y: 16 + frame.topHeight + 8, width: width - 70 - 24, height: 240)
        let height = max(plot.bottom + 48 + frame.bottomHeight, plot.top + frame.rightHeight + 8)
        var svg = SVGBuilder(
            width: width + frame.rightWidth, height: height, title: text.title, description: text.description)
        frame.draw(
            into: &svg, left: plot.left, top: 10, plotTop: plot.top, chartWidth: width, chartBottom: plot.bottom + 48)
        let xAxis = xAxis(xs, plot: plot, integerX: integerX, title: text.xTitle)
        let y = yScale(ys, plot: plot, integerY: integerY, zeroY: zeroY)
        let yTicks = integerY ? y.ticks(count: 5).filter { $0 == $0.rounded() } : y.ticks(count: 5)
        xAxis.draw(into: &svg, plot: plot)
        ChartAxis(
            edge: .left, ticks: yTicks, position: { y($0) },
            label: { integerY ? NumberFormat.fixed($0, 0) : y.tickLabel($0, count: 5) },
            title: text.yTitle
        ).draw(into: &svg, plot: plot)
        var rows = drawReferences(references, into: &svg, plot: plot, y: y, integerY: integerY)
        for item in series {
            rows += drawSeries(
                item, into: &svg, text: text, x: xAxis.position, y: y, integerX: integerX, integerY: integerY)
        }
        return Chart(
            kind: kind, path: path, caption: text.caption, svg: svg,
            csv: CSVTable(header: ["series", "run", "label", text.xColumn, text.yColumn], rows: rows))
    }

    /// The legend: a line per series (dashed only when connected), then a dashed line per reference.
    private static func legend(series: [Series], references: [Reference]) -> ChartLegend {
        ChartLegend(
            entries: series.map { item in
                .init(
                    label: item.label,
                    sample: .line(
                        color: item.style.color, dash: item.connected ? item.style.dash : "", marker: item.style.marker)
                )
            }
                + references.map { reference in
                    .init(label: reference.label, sample: .line(color: reference.style.color, dash: "7 3", marker: nil))
                })
    }

    /// The x axis over the values `xs` (its `position` places the points): logarithmic when every
    /// x is positive and they span a factor of 8 or more (ticks at the values when there are at
    /// most 10), else linear (whole-number ticks with `integerX`); 5% of the plot's width padded
    /// on each side.
    private static func xAxis(_ xs: [Double], plot: PlotArea, integerX: Bool, title: String) -> ChartAxis {
        let lowerX = xs.min() ?? 0
        let upperX = xs.max() ?? 1
        let logarithmic = lowerX > 0 && upperX / lowerX >= 8
        let xPosition: (Double) -> Double
        let xTicks: [Double]
        let xLabel: (Double) -> String
        let pad = (plot.width * 0.05)
        if logarithmic {
            let log = LogScale(domain: (lowerX, upperX), range: (plot.left + pad, plot.right - pad))
            xPosition = { log($0) }
            let data = Array(Set(xs)).sorted()
            xTicks = data.count <= 10 ? data : log.ticks()
            xLabel = { NumberFormat.compact($0) }
        } else {
            let span = upperX - lowerX
            let linear = LinearScale(
                domain: span > 0 ? (lowerX, upperX) : (lowerX - 1, upperX + 1),
                range: (plot.left + pad, plot.right - pad))
            xPosition = { linear($0) }
            xTicks = integerX ? linear.ticks(count: 6).filter { $0 == $0.rounded() } : linear.ticks(count: 6)
            xLabel = { integerX ? NumberFormat.fixed($0, 0) : linear.tickLabel($0, count: 6) }
        }
        return ChartAxis(
            edge: .bottom, ticks: xTicks, position: xPosition, label: xLabel,
            title: title + (logarithmic ? " (log scale)" : ""), grid: true)
    }

    /// `value` for the CSV and tooltips: a whole number with `integer` when it is one, else six
    /// significant digits.
    private static func number(_ value: Double, integer: Bool) -> String {
        integer && value == value.rounded() ? NumberFormat.fixed(value, 0) : NumberFormat.significant(value, 6)
    }

    /// Draws each reference as a dashed line across the plot; returns their CSV rows.
    private static func drawReferences(
        _ references: [Reference], into svg: inout SVGBuilder, plot: PlotArea, y: LinearScale, integerY: Bool
    ) -> [[String]] {
        var rows: [[String]] = []
        for reference in references {
            svg.group(classes: [.series], label: reference.label) { svg in
                svg.line(
                    x1: plot.left, y1: y(reference.y), x2: plot.right, y2: y(reference.y),
                    stroke: reference.style.color, width: 1.6, dash: "7 3")
            }
            rows.append([
                "reference", reference.run.id.rawValue, reference.run.displayLabel, "",
                number(reference.y, integer: integerY),
            ])
        }
        return rows
    }

    /// Draws `item`'s finite points in x order (joined by a line when connected, each with a
    /// marker and a tooltip); returns their CSV rows.
    private static func drawSeries(
        _ item: Series, into svg: inout SVGBuilder, text: Text, x xPosition: (Double) -> Double, y: LinearScale,
        integerX: Bool, integerY: Bool
    ) -> [[String]] {
        let sorted = item.points.filter { $0.x.isFinite && $0.y.isFinite }.sorted { $0.x < $1.x }
        svg.group(classes: [.series], label: item.label) { svg in
            if item.connected && sorted.count > 1 {
                svg.polyline(
                    sorted.map { (xPosition($0.x), y($0.y)) }, stroke: item.style.color, width: 2,
                    dash: item.style.dash)
            }
            for point in sorted {
                let tooltip =
                    "\(point.run.displayLabel): \(text.xColumn) \(number(point.x, integer: integerX)), "
                    + "\(text.yColumn) \(number(point.y, integer: integerY))"
                item.style.marker.draw(
                    into: &svg, x: xPosition(point.x), y: y(point.y), size: 8, color: item.style.color)
                svg.circle(cx: xPosition(point.x), cy: y(point.y), r: 6, fill: "transparent", tooltip: tooltip)
            }
        }
        return sorted.map { point in
            [
                item.label, point.run.id.rawValue, point.run.displayLabel,
                number(point.x, integer: integerX), number(point.y, integer: integerY),
            ]
        }
    }

    /// The y scale over the values `ys`: from 0 with `zeroY` (at least to 1 with `integerY`), else
    /// spanning the values with a margin.
    static func yScale(_ ys: [Double], plot: PlotArea, integerY: Bool, zeroY: Bool) -> LinearScale {
        if zeroY {
            let upperY = max(ys.max() ?? 1, integerY ? 1 : 0)
            return LinearScale(
                domain: (min(0, ys.min() ?? 0), upperY > 0 ? upperY * 1.05 : 1), range: (plot.bottom, plot.top)
            ).niced(count: 5)
        }
        let low = ys.min() ?? 0
        let high = ys.max() ?? 1
        let margin = high > low ? (high - low) * 0.1 : max(abs(high) * 0.05, 0.01)
        return LinearScale(domain: (low - margin, high + margin), range: (plot.bottom, plot.top)).niced(count: 5)
    }
}
