import SpeclensDataset

/// Total intruders (summed over matrices) as a function of ε, one line per run, with the chosen ε
/// and the random-direction baselines √(2 ln n / n) of the matrices' vector dimensions marked: the
/// paper's headline plot. `figures` gives the runs' styles, the other reading ε's (marked with
/// dotted lines), the x range, counts or fractions of the top-k, and the legend's place.
enum EpsilonCurveChart {
    /// Over all matrices of the dataset.
    static func make(dataset: SpectralDataset, path: String, figures: FigureSettings? = nil) -> Chart {
        make(dataset: dataset, bases: dataset.base.matrices, subset: nil, path: path, figures: figures)
    }

    /// Over the matrices `bases` only; `subset` names them in titles (e.g. `module attention.self.query`).
    static func make(dataset: SpectralDataset, bases: [BaseMatrixRecord], subset: String?, path: String,
                     figures: FigureSettings? = nil) -> Chart {
        let figures = figures ?? FigureSettings(dataset: dataset)
        let scale = figures.intruderScale
        let range = figures.epsilonRange
        let grid = dataset.parameters.epsilonGrid.sorted()
        let runs = dataset.runs
        let names = Set(bases.map(\.name))
        let totals = runs.map { subset == nil ? $0.summary.intrudersByEpsilon : Aggregates.intrudersByEpsilon($0, names: names) }
        let vectors = runs.map { IntruderTotals.vectors($0, names: subset == nil ? nil : names) }
        var maxCount = scale == .count ? 1.0 : 0.05
        for (index, total) in totals.enumerated() {
            for (key, value) in total where range?.contains(Double(key) ?? 0) ?? true {
                maxCount = max(maxCount, IntruderTotals.value(value, vectors: vectors[index], scale: scale))
            }
        }
        let otherEpsilons = figures.epsilons.dropFirst().filter { range?.contains($0) ?? true }
        let baselines = Aggregates.baselines(bases)
        let shown = (baselines.count <= 4 ? baselines : [baselines.first!, baselines.last!]).sorted { $0.value < $1.value }
            .filter { range?.contains($0.value) ?? true }
        let width = 680.0
        let legend = ChartLegend(entries: runs.enumerated().map { index, run in
            figures.legendEntry(RunLabel.text(run), run: index)
        } + [.init(label: "chosen ε = \(NumberFormat.epsilon(dataset.parameters.epsilon))",
                   sample: .line(color: "#777777", dash: "4 3", marker: nil))]
          + (otherEpsilons.isEmpty ? [] : [.init(label: "also read at ε = " + otherEpsilons.map(NumberFormat.epsilon).joined(separator: ", "),
                                                 sample: .line(color: "#777777", dash: "5 2 1 2", marker: nil))])
          + (shown.isEmpty ? [] : [.init(label: "random baseline √(2 ln n / n)", sample: .line(color: "#888888", dash: "1 3", marker: nil))]))
        let frame = LegendFrame(legend: legend, placement: figures.legendPlacement, rowWidth: width - 80)
        let plot = PlotArea(x: 64, y: 16 + frame.topHeight + 8 + (shown.isEmpty ? 0 : 14 + 11 * Double(max(0, shown.count - 2))), width: width - 64 - 20, height: 260)
        let height = max(plot.bottom + 48 + frame.bottomHeight, plot.top + frame.rightHeight + 8)
        let scope = subset.map { " (\($0))" } ?? ""
        let baselineText = baselines.isEmpty ? "" : " Random-direction baselines √(2 ln n / n): "
            + baselines.map { "n = \($0.dimension): \(NumberFormat.fixed($0.value, 3))" }.joined(separator: ", ") + "."
        var svg = SVGBuilder(
            width: width + frame.rightWidth, height: height, title: "Intruder dimensions versus ε" + scope,
            description: "Number of intruder dimensions among the top \(dataset.parameters.topK) "
                + "fine-tuned singular vectors, summed over \(subset == nil ? "all analysed matrices" : "the matrices of \(subset!)"), "
                + "for each threshold ε; one line per fine-tune. The vertical dashed line marks the chosen ε; "
                + "dotted lines mark the random-direction baselines." + baselineText)
        frame.draw(into: &svg, left: plot.left, top: 10, plotTop: plot.top, chartWidth: width, chartBottom: plot.bottom + 48)
        let x = LinearScale(domain: (range?.lower ?? 0, range?.upper ?? 1), range: (plot.left, plot.right))
        let y = LinearScale(domain: (0, maxCount), range: (plot.bottom, plot.top)).niced(count: 5)
        let yTicks = scale == .count ? y.ticks(count: 5).filter { $0 == $0.rounded() } : y.ticks(count: 5)
        ChartAxis(edge: .bottom, ticks: x.ticks(count: 10), position: { x($0) },
                  label: { x.tickLabel($0, count: 10) },
                  title: "threshold ε (a vector is an intruder when its max |cos| < ε)").draw(into: &svg, plot: plot)
        ChartAxis(edge: .left, ticks: yTicks, position: { y($0) },
                  label: { scale == .count ? NumberFormat.fixed($0, 0) : y.tickLabel($0, count: 5) },
                  title: IntruderTotals.axisTitle(scale, subset == nil ? "all matrices" : "")).draw(into: &svg, plot: plot)
        if range?.contains(dataset.parameters.epsilon) ?? true {
            let ex = x(dataset.parameters.epsilon)
            svg.line(x1: ex, y1: plot.top, x2: ex, y2: plot.bottom, stroke: "#777777", width: 1.5, dash: "4 3")
        }
        for epsilon in otherEpsilons {
            svg.line(x1: x(epsilon), y1: plot.top, x2: x(epsilon), y2: plot.bottom, stroke: "#777777", width: 1.2, dash: "5 2 1 2")
        }
        for (index, baseline) in shown.enumerated() {
            let bx = x(baseline.value)
            svg.line(x1: bx, y1: plot.top, x2: bx, y2: plot.bottom, stroke: "#888888", width: 1.4, dash: "1 3")
            svg.text("n=\(baseline.dimension)", x: index == 0 ? bx - 2 : bx + 2, y: plot.top - 4 - Double(max(0, index - 1)) * 11,
                     anchor: index == 0 ? "end" : "start", classes: [.lbl, .sub], size: 10)
        }
        var rows: [[String]] = grid.map { [EpsilonKey.string($0)] }
        for (index, run) in runs.enumerated() {
            var points: [(Double, Double)] = []
            for (row, epsilon) in grid.enumerated() {
                if let count = totals[index][EpsilonKey.string(epsilon)] {
                    let value = IntruderTotals.value(count, vectors: vectors[index], scale: scale)
                    if range?.contains(epsilon) ?? true { points.append((x(epsilon), y(value))) }
                    rows[row].append(IntruderTotals.csvText(value, scale: scale))
                } else {
                    rows[row].append("")
                }
            }
            svg.series(points, style: figures.style(index), label: RunLabel.text(run))
        }
        return Chart(
            path: path,
            caption: (scale == .fraction ? "Fraction of the top-k vectors that are intruder dimensions" : "Intruder dimensions")
                + " (top \(dataset.parameters.topK) per matrix, summed over "
                + (subset.map { "the matrices of \($0)" } ?? "matrices") + ") "
                + "versus the threshold ε; dashed: the chosen ε; dotted: random-direction baselines."
                + baselineText,
            svg: svg, csv: CSVTable(header: ["epsilon"] + runs.map(RunLabel.csvHeader), rows: rows))
    }
}
