import SpeclensDataset

/// Total intruders (summed over matrices) as a function of ε, one line per run, with the chosen ε
/// marked: the paper's headline plot.
enum EpsilonCurveChart {
    static func make(dataset: SpectralDataset, path: String) -> Chart {
        let grid = dataset.parameters.epsilonGrid.sorted()
        let runs = dataset.runs
        var maxCount = 1.0
        for run in runs {
            for value in run.summary.intrudersByEpsilon.values { maxCount = max(maxCount, Double(value)) }
        }
        let width = 680.0
        let legend = ChartLegend(entries: runs.enumerated().map { index, run in
            .init(label: RunLabel.text(run), sample: .line(
                color: CategoricalPalette.color(index), dash: CategoricalPalette.dash(index),
                marker: CategoricalPalette.marker(index)))
        } + [.init(label: "chosen ε = \(EpsilonKey.string(dataset.parameters.epsilon))",
                   sample: .line(color: "#777777", dash: "4 3", marker: nil))])
        let legendHeight = legend.height(width: width - 80)
        let plot = PlotArea(x: 64, y: 16 + legendHeight + 8, width: width - 64 - 20, height: 260)
        let height = plot.bottom + 48
        var svg = SVGBuilder(
            width: width, height: height, title: "Intruder dimensions versus ε",
            description: "Number of intruder dimensions among the top \(dataset.parameters.topK) "
                + "fine-tuned singular vectors, summed over all analysed matrices, for each threshold ε; "
                + "one line per fine-tune. The vertical dashed line marks the chosen ε.")
        legend.draw(into: &svg, x: plot.left, y: 10, width: width - 80)
        let x = LinearScale(domain: (0, 1), range: (plot.left, plot.right))
        let y = LinearScale(domain: (0, maxCount), range: (plot.bottom, plot.top)).niced(count: 5)
        let yTicks = y.ticks(count: 5).filter { $0 == $0.rounded() }
        ChartAxis(edge: .bottom, ticks: x.ticks(count: 10), position: { x($0) },
                  label: { x.tickLabel($0, count: 10) },
                  title: "threshold ε (a vector is an intruder when its max |cos| < ε)").draw(into: &svg, plot: plot)
        ChartAxis(edge: .left, ticks: yTicks, position: { y($0) }, label: { NumberFormat.fixed($0, 0) },
                  title: "intruders (count, all matrices)").draw(into: &svg, plot: plot)
        let ex = x(dataset.parameters.epsilon)
        svg.line(x1: ex, y1: plot.top, x2: ex, y2: plot.bottom, stroke: "#777777", width: 1.5, dash: "4 3")
        var rows: [[String]] = grid.map { [EpsilonKey.string($0)] }
        for (index, run) in runs.enumerated() {
            var points: [(Double, Double)] = []
            for (row, epsilon) in grid.enumerated() {
                if let count = run.summary.intrudersByEpsilon[EpsilonKey.string(epsilon)] {
                    points.append((x(epsilon), y(Double(count))))
                    rows[row].append(String(count))
                } else {
                    rows[row].append("")
                }
            }
            let color = CategoricalPalette.color(index)
            svg.beginGroup(cssClass: "series", label: run.id)
            svg.polyline(points, stroke: color, width: 2, dash: CategoricalPalette.dash(index))
            for point in points {
                CategoricalPalette.marker(index).draw(into: &svg, x: point.0, y: point.1, size: 6, color: color)
            }
            svg.endGroup()
        }
        return Chart(
            path: path,
            caption: "Intruder dimensions (top \(dataset.parameters.topK) per matrix, summed over matrices) "
                + "versus the threshold ε; the dashed line is the chosen ε.",
            svg: svg, csv: CSVTable(header: ["epsilon"] + runs.map(\.id), rows: rows))
    }
}
