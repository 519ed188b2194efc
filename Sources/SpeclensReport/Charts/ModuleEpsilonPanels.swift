import SpeclensDataset

/// Intruders versus ε per module type as small multiples (paper Fig. 4/5): one panel per module
/// type, one line per run, all panels on the same axes so that they compare at a glance.
enum ModuleEpsilonPanels {
    /// The gallery kind of these charts.
    static let kind = FigureKind.epsilonCurves

    static func make(
        dataset: SpectralDataset, modules: [(name: String, bases: [BaseMatrixRecord])], path: SitePath,
        figures: FigureSettings? = nil
    ) -> Chart {
        let figures = figures ?? FigureSettings(dataset: dataset)
        let grid = dataset.parameters.epsilonGrid.sorted()
        let runs = dataset.runs
        let totals: [[IntruderCounts]] = modules.map { module in
            let names = Set(module.bases.map(\.name))
            return runs.map { Aggregates.intrudersByEpsilon($0, names: names) }
        }
        let maxCount = largestCount(totals)
        let columns = min(3, max(modules.count, 1))
        let panelWidth = 210.0
        let panelHeight = 120.0
        let gapX = 34.0
        let gapY = 58.0
        let width = 56 + Double(columns) * panelWidth + Double(columns - 1) * gapX + 16
        let legend = ChartLegend(
            entries: runs.enumerated().map { index, run in
                figures.legendEntry(RunLabel.text(run), run: index)
            } + [.init(label: "chosen ε", sample: .line(color: "#777777", dash: "4 3", marker: nil))])
        let frame = LegendFrame(legend: legend, placement: figures.legendPlacement, rowWidth: width - 70)
        let top = 10 + frame.topHeight + 12
        let rowsOfPanels = (modules.count + columns - 1) / columns
        let panelsBottom = top + Double(max(rowsOfPanels, 1)) * (panelHeight + gapY) + 4
        let height = max(panelsBottom + frame.bottomHeight, top + frame.rightHeight + 20)
        var svg = SVGBuilder(
            width: width + frame.rightWidth, height: height, title: "Intruder dimensions versus ε by module type",
            description: "Small multiples: one panel per module type (\(modules.map(\.name).joined(separator: ", "))), "
                + "each with one line per fine-tune giving the intruders among the top \(dataset.parameters.topK) "
                + "singular vectors summed over that module's matrices for each ε. All panels share their axes.")
        frame.draw(into: &svg, left: 56, top: 8, plotTop: top + 16, chartWidth: width, chartBottom: panelsBottom)
        var csvRows: [[String]] = []
        for (panelIndex, module) in modules.enumerated() {
            let column = panelIndex % columns
            let row = panelIndex / columns
            let plot = PlotArea(
                x: 56 + Double(column) * (panelWidth + gapX), y: top + 16 + Double(row) * (panelHeight + gapY),
                width: panelWidth, height: panelHeight - 16)
            csvRows += drawPanel(
                module, totals: totals[panelIndex], into: &svg, plot: plot, maxCount: maxCount,
                xTitled: row == rowsOfPanels - 1 || panelIndex + columns >= modules.count, yTitled: column == 0,
                runs: runs, grid: grid, figures: figures)
        }
        return Chart(
            kind: kind, path: path,
            caption: "Intruder dimensions versus ε by module type: one panel per module type, one line per run "
                + "(top \(dataset.parameters.topK) per matrix, summed over the module's matrices; shared axes)."
                + (dataset.runs.contains { !($0.summary.controls ?? []).isEmpty }
                    ? " Null controls are left out of these small panels; the ε chart over all matrices draws them."
                    : ""),
            svg: svg,
            csv: CSVTable(header: ["module", "matrices", "epsilon"] + runs.map(RunLabel.csvHeader), rows: csvRows))
    }

    /// The top of the shared y axis: the largest count of any run in any panel, at least 1.
    private static func largestCount(_ totals: [[IntruderCounts]]) -> Double {
        var maxCount = 1.0
        for panel in totals {
            for run in panel { for (_, value) in run.pairs { maxCount = max(maxCount, Double(value)) } }
        }
        return maxCount
    }

    /// Draws the panel of `module` in `plot` (its name, axes titled when `xTitled`/`yTitled`, the
    /// chosen ε and one line per run from `totals`, by run); returns its CSV rows, one per ε.
    private static func drawPanel(
        _ module: (name: String, bases: [BaseMatrixRecord]), totals: [IntruderCounts], into svg: inout SVGBuilder,
        plot: PlotArea, maxCount: Double, xTitled: Bool, yTitled: Bool, runs: [FineTuneRun], grid: [Double],
        figures: FigureSettings
    ) -> [[String]] {
        svg.text(PlotArea.truncate(module.name, 34), x: plot.left, y: plot.top - 5, classes: [.lbl, .ttl])
        let x = LinearScale(domain: (0, 1), range: (plot.left, plot.right))
        let y = LinearScale(domain: (0, maxCount), range: (plot.bottom, plot.top)).niced(count: 3)
        ChartAxis(
            edge: .bottom, ticks: [0, 0.25, 0.5, 0.75, 1], position: { x($0) },
            label: { $0 == 0.25 || $0 == 0.75 ? "" : NumberFormat.compact($0) },
            title: xTitled ? "ε" : ""
        )
        .draw(into: &svg, plot: plot)
        ChartAxis(
            edge: .left, ticks: y.ticks(count: 3).filter { $0 == $0.rounded() }, position: { y($0) },
            label: { NumberFormat.fixed($0, 0) }, title: yTitled ? "intruders" : ""
        ).draw(into: &svg, plot: plot)
        let ex = x(figures.epsilon)
        svg.line(x1: ex, y1: plot.top, x2: ex, y2: plot.bottom, stroke: "#777777", width: 1, dash: "4 3")
        for (runIndex, run) in runs.enumerated() {
            var points: [(Double, Double)] = []
            for epsilon in grid {
                if let count = totals[runIndex][epsilon] {
                    points.append((x(epsilon), y(Double(count))))
                }
            }
            svg.series(
                points, style: figures.style(runIndex), label: "\(module.name): \(RunLabel.text(run))",
                width: 1.6, markerSize: 4)
        }
        return grid.map { epsilon in
            let key = EpsilonKey.string(epsilon)
            return [module.name, String(module.bases.count), key]
                + runs.indices.map { totals[$0][epsilon].map(String.init) ?? "" }
        }
    }
}
