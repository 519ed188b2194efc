import SpeclensDataset

/// Total intruders (summed over matrices) as a function of ε, one line per run, with each run's
/// null controls as grey reference curves, the chosen ε and the random-direction baselines of the
/// matrices' shapes marked: the paper's headline plot.
enum EpsilonCurveChart {
    /// Over all matrices of the dataset; the controls are the runs' `summary.controls`.
    static func make(dataset: SpectralDataset, path: String) -> Chart {
        make(dataset: dataset, bases: dataset.base.matrices, subset: nil, path: path)
    }

    /// Over the matrices `bases` only; `subset` names them in titles (e.g. `module attention.self.query`).
    /// The controls are summed over the same matrices (`Aggregates.controls`).
    static func make(dataset: SpectralDataset, bases: [BaseMatrixRecord], subset: String?, path: String) -> Chart {
        let grid = dataset.parameters.epsilonGrid.sorted()
        let runs = dataset.runs
        let names = Set(bases.map(\.name))
        let totals = runs.map { subset == nil ? $0.summary.intrudersByEpsilon : Aggregates.intrudersByEpsilon($0, names: names) }
        let controls: [[ControlSummary]] = runs.map { run in
            let summaries = subset == nil ? run.summary.controls ?? [] : Aggregates.controls(run, names: names, grid: grid)
            return NullControlStyle.kinds.compactMap { kind in summaries.first { $0.kind == kind } }
        }
        let kindsShown = NullControlStyle.kinds.filter { kind in controls.contains { $0.contains { $0.kind == kind } } }
        var maxCount = 1.0
        for total in totals {
            for value in total.values { maxCount = max(maxCount, Double(value)) }
        }
        for control in controls.joined() {
            for value in control.intrudersByEpsilon.values { maxCount = max(maxCount, Double(value)) }
        }
        let baselines = RandomBaseline.distinct(bases)
        let shown = (baselines.count <= 4 ? baselines : [baselines.first!, baselines.last!]).sorted { $0.value < $1.value }
        let width = 680.0
        let legend = ChartLegend(entries: runs.enumerated().map { index, run in
            .init(label: RunLabel.text(run), sample: .line(
                color: CategoricalPalette.color(index), dash: CategoricalPalette.dash(index),
                marker: CategoricalPalette.marker(index)))
        } + kindsShown.map { NullControlStyle.legendEntry($0, runMarkers: true) }
          + [.init(label: "chosen ε = \(NumberFormat.epsilon(dataset.parameters.epsilon))",
                   sample: .line(color: "#777777", dash: "4 3", marker: nil))]
          + (shown.isEmpty ? [] : [.init(label: "random-direction baseline", sample: .line(color: "#888888", dash: "1 3", marker: nil))]))
        let legendHeight = legend.height(width: width - 80)
        let plot = PlotArea(x: 64, y: 16 + legendHeight + 8 + (shown.isEmpty ? 0 : 14 + 11 * Double(max(0, shown.count - 2))), width: width - 64 - 20, height: 260)
        let height = plot.bottom + 48
        let scope = subset.map { " (\($0))" } ?? ""
        let baselineText = baselines.isEmpty ? "" : " Random-direction baselines (max |cos| of a random direction against the pre-trained vectors): "
            + baselines.map { "\($0.shapeText): \($0.valueText)" }.joined(separator: ", ") + "."
        let controlText = NullControlStyle.chartClause(kinds: kindsShown, computed: dataset.parameters.nullControls, runMarkers: true)
        var svg = SVGBuilder(
            width: width, height: height, title: "Intruder dimensions versus ε" + scope,
            description: "Number of intruder dimensions among the top \(dataset.parameters.topK) "
                + "fine-tuned singular vectors, summed over \(subset == nil ? "all analysed matrices" : "the matrices of \(subset!)"), "
                + "for each threshold ε; one line per fine-tune." + controlText + " The vertical dashed line marks the chosen ε; "
                + "dotted lines mark the random-direction baselines." + baselineText)
        legend.draw(into: &svg, x: plot.left, y: 10, width: width - 80)
        let x = LinearScale(domain: (0, 1), range: (plot.left, plot.right))
        let y = LinearScale(domain: (0, maxCount), range: (plot.bottom, plot.top)).niced(count: 5)
        let yTicks = y.ticks(count: 5).filter { $0 == $0.rounded() }
        ChartAxis(edge: .bottom, ticks: x.ticks(count: 10), position: { x($0) },
                  label: { x.tickLabel($0, count: 10) },
                  title: "threshold ε (a vector is an intruder when its max |cos| < ε)").draw(into: &svg, plot: plot)
        ChartAxis(edge: .left, ticks: yTicks, position: { y($0) }, label: { NumberFormat.fixed($0, 0) },
                  title: "intruders (count\(subset == nil ? ", all matrices" : ""))").draw(into: &svg, plot: plot)
        let ex = x(dataset.parameters.epsilon)
        svg.line(x1: ex, y1: plot.top, x2: ex, y2: plot.bottom, stroke: "#777777", width: 1.5, dash: "4 3")
        for (index, baseline) in shown.enumerated() {
            let bx = x(baseline.value)
            svg.line(x1: bx, y1: plot.top, x2: bx, y2: plot.bottom, stroke: "#888888", width: 1.4, dash: "1 3")
            svg.text(baseline.shortLabel, x: index == 0 ? bx - 2 : bx + 2, y: plot.top - 4 - Double(max(0, index - 1)) * 11,
                     anchor: index == 0 ? "end" : "start", classes: [.lbl, .sub], size: 10)
        }
        var rows: [[String]] = grid.map { [EpsilonKey.string($0)] }
        // Controls first, so that the runs' own lines are drawn over them.
        for (index, run) in runs.enumerated() {
            for control in controls[index] {
                let label = "\(RunLabel.text(run)): \(NullControlStyle.name(control.kind))"
                let points = grid.compactMap { epsilon -> (x: Double, y: Double, tooltip: String)? in
                    let key = EpsilonKey.string(epsilon)
                    return control.intrudersByEpsilon[key].map { (x(epsilon), y(Double($0)), "\(label), ε = \(key): \($0)") }
                }
                svg.controlSeries(points, kind: control.kind, marker: CategoricalPalette.marker(index), label: label)
            }
        }
        for (index, run) in runs.enumerated() {
            var points: [(Double, Double)] = []
            for (row, epsilon) in grid.enumerated() {
                if let count = totals[index][EpsilonKey.string(epsilon)] {
                    points.append((x(epsilon), y(Double(count))))
                    rows[row].append(String(count))
                } else {
                    rows[row].append("")
                }
            }
            svg.series(points, index: index, label: run.id.rawValue)
        }
        // Per run and control kind: the control's counts, then the run's own over the same matrices.
        var header = ["epsilon"] + runs.map(\.id.rawValue)
        for (index, run) in runs.enumerated() {
            for control in controls[index] {
                header += ["\(run.id) (\(NullControlStyle.shortName(control.kind)))",
                           "\(run.id) (over the \(NullControlStyle.shortName(control.kind))'s matrices)"]
                for (row, epsilon) in grid.enumerated() {
                    let key = EpsilonKey.string(epsilon)
                    rows[row] += [control.intrudersByEpsilon[key].map(String.init) ?? "",
                                  control.runIntrudersByEpsilon[key].map(String.init) ?? ""]
                }
            }
        }
        return Chart(
            path: path,
            caption: "Intruder dimensions (top \(dataset.parameters.topK) per matrix, summed over "
                + (subset.map { "the matrices of \($0)" } ?? "matrices") + ") "
                + "versus the threshold ε; dashed vertical: the chosen ε; dotted vertical: random-direction baselines."
                + controlText + baselineText,
            svg: svg, csv: CSVTable(header: header, rows: rows))
    }
}
