import SpeclensDataset

/// Total intruders (summed over matrices) as a function of ε, one line per run, with each run's
/// null controls as grey reference curves (in the run's marker), the chosen ε and the
/// random-direction baselines of the matrices' shapes marked: the paper's headline plot.
/// `figures` gives the runs' styles, the other reading ε's (marked with dotted lines), the x
/// range, counts or fractions of the top-k, and the legend's place.
enum EpsilonCurveChart {
    /// The gallery kind of these charts.
    static let kind = FigureKind.epsilonCurves

    /// Over all matrices of the dataset; the controls are the runs' `summary.controls`.
    static func make(dataset: SpectralDataset, path: SitePath, figures: FigureSettings? = nil) -> Chart {
        make(dataset: dataset, bases: dataset.base.matrices, subset: nil, path: path, figures: figures)
    }

    /// Over the matrices `bases` only; `subset` names them in titles (e.g. `module attention.self.query`).
    /// The controls are summed over the same matrices (`Aggregates.controls`).
    static func make(
        dataset: SpectralDataset, bases: [BaseMatrixRecord], subset: String?, path: SitePath,
        figures: FigureSettings? = nil
    ) -> Chart {
        let figures = figures ?? FigureSettings(dataset: dataset)
        let scale = figures.intruderScale
        let range = figures.epsilonRange
        let grid = dataset.parameters.epsilonGrid.sorted()
        let runs = dataset.runs
        let names = Set(bases.map(\.name))
        let totals = runs.map {
            subset == nil ? $0.summary.intrudersByEpsilon : Aggregates.intrudersByEpsilon($0, names: names)
        }
        let vectors = runs.map { IntruderTotals.vectors($0, names: subset == nil ? nil : names) }
        let controls = controlSummaries(runs, names: subset == nil ? nil : names, grid: grid)
        let controlVectorCounts = controlVectors(runs, controls: controls, names: subset == nil ? nil : names)
        let kindsShown = NullControlStyle.kinds.filter { kind in controls.contains { $0.contains { $0.kind == kind } } }
        let maxCount = largestValue(
            totals: totals, vectors: vectors, controls: controls, controlVectors: controlVectorCounts,
            range: range, scale: scale)
        let otherEpsilons = figures.epsilons.dropFirst().filter { range?.contains($0) ?? true }
        let baselines = RandomBaseline.distinct(bases)
        let shown = shownBaselines(baselines, range: range)
        let width = 680.0
        let legend = legend(
            runs: runs, kinds: kindsShown, otherEpsilons: otherEpsilons, showsBaselines: !shown.isEmpty,
            figures: figures)
        let frame = LegendFrame(legend: legend, placement: figures.legendPlacement, rowWidth: width - 80)
        let plot = plotArea(width: width, frame: frame, baselines: shown.count)
        let height = max(plot.bottom + 48 + frame.bottomHeight, plot.top + frame.rightHeight + 8)
        let baselineText = baselineText(baselines)
        let controlText = NullControlStyle.chartClause(
            kinds: kindsShown, computed: dataset.parameters.nullControls, runMarkers: true)
        var svg = SVGBuilder(
            width: width + frame.rightWidth, height: height,
            title: "Intruder dimensions versus ε" + (subset.map { " (\($0))" } ?? ""),
            description: description(
                topK: dataset.parameters.topK, subset: subset, controlText: controlText, baselineText: baselineText))
        frame.draw(
            into: &svg, left: plot.left, top: 10, plotTop: plot.top, chartWidth: width, chartBottom: plot.bottom + 48)
        let x = LinearScale(domain: (range?.lower ?? 0, range?.upper ?? 1), range: (plot.left, plot.right))
        let y = LinearScale(domain: (0, maxCount), range: (plot.bottom, plot.top)).niced(count: 5)
        drawAxes(into: &svg, plot: plot, x: x, y: y, scale: scale, allMatrices: subset == nil)
        drawMarks(
            into: &svg, plot: plot, x: x, epsilon: (range?.contains(figures.epsilon) ?? true) ? figures.epsilon : nil,
            otherEpsilons: otherEpsilons, baselines: shown)
        // Controls first, so that the runs' own lines are drawn over them.
        drawControls(
            into: &svg, runs: runs, controls: controls, controlVectors: controlVectorCounts, grid: grid, range: range,
            figures: figures, x: x, y: y)
        let rows = drawRuns(
            into: &svg, runs: runs, totals: totals, vectors: vectors, grid: grid, figures: figures, x: x,
            y: y)
        return Chart(
            kind: kind, path: path,
            caption: caption(scale: scale, topK: dataset.parameters.topK, subset: subset) + controlText + baselineText,
            svg: svg,
            csv: csvTable(
                rows: rows, runs: runs, controls: controls, controlVectors: controlVectorCounts, grid: grid,
                scale: scale))
    }

    /// The plot below the legend (when on top) and the labels of the `baselines` marked.
    private static func plotArea(width: Double, frame: LegendFrame, baselines: Int) -> PlotArea {
        PlotArea(
            x: 64, y: 16 + frame.topHeight + 8 + (baselines == 0 ? 0 : 14 + 11 * Double(max(0, baselines - 2))),
            width: width - 64 - 20, height: 260)
    }

    /// Per run, the top-k vectors that each of its `controls` is over (`controlVectors(_:kind:names:)`).
    private static func controlVectors(
        _ runs: [FineTuneRun], controls: [[ControlSummary]], names: Set<String>?
    ) -> [[Int]] {
        runs.indices.map { index in
            controls[index].map { controlVectors(runs[index], kind: $0.kind, names: names) }
        }
    }

    /// The CSV: the ε column and the runs' columns (`rows`), then the controls' columns
    /// (`addControlColumns`).
    private static func csvTable(
        rows: [[String]], runs: [FineTuneRun], controls: [[ControlSummary]], controlVectors: [[Int]],
        grid: [Double], scale: IntruderScale
    ) -> CSVTable {
        var header = ["epsilon"] + runs.map(RunLabel.csvHeader)
        var rows = rows
        addControlColumns(
            to: &header, rows: &rows, runs: runs, controls: controls, controlVectors: controlVectors,
            grid: grid, scale: scale)
        return CSVTable(header: header, rows: rows)
    }

    /// Each run's null controls over the matrices `names` (nil: all, the runs' `summary.controls`),
    /// in the order of `NullControlStyle.kinds`.
    private static func controlSummaries(
        _ runs: [FineTuneRun], names: Set<String>?, grid: [Double]
    ) -> [[ControlSummary]] {
        runs.map { run in
            let summaries =
                names.map { Aggregates.controls(run, names: $0, grid: grid) } ?? (run.summary.controls ?? [])
            return NullControlStyle.kinds.compactMap { kind in summaries.first { $0.kind == kind } }
        }
    }

    /// The baselines marked: all of them when there are at most 4, else the smallest and the
    /// largest; by value, within the x range.
    private static func shownBaselines(_ baselines: [RandomBaseline], range: EpsilonRange?) -> [RandomBaseline] {
        (baselines.count <= 4 ? baselines : [baselines.first!, baselines.last!]).sorted {
            $0.value < $1.value
        }
        .filter { range?.contains($0.value) ?? true }
    }

    /// The sentence listing the random-direction baselines of the matrices' shapes ("" when none).
    private static func baselineText(_ baselines: [RandomBaseline]) -> String {
        baselines.isEmpty
            ? ""
            : " Random-direction baselines (max |cos| of a random direction against the pre-trained vectors): "
                + baselines.map { "\($0.shapeText): \($0.valueText)" }.joined(separator: ", ") + "."
    }

    /// The SVG's description.
    private static func description(topK: Int, subset: String?, controlText: String, baselineText: String) -> String {
        "Number of intruder dimensions among the top \(topK) "
            + "fine-tuned singular vectors, summed over \(subset == nil ? "all analysed matrices" : "the matrices of \(subset!)"), "
            + "for each threshold ε; one line per fine-tune." + controlText
            + " The vertical dashed line marks the chosen ε; "
            + "dotted lines mark the random-direction baselines." + baselineText
    }

    /// The caption, before the clauses on the controls and the baselines.
    private static func caption(scale: IntruderScale, topK: Int, subset: String?) -> String {
        (scale == .fraction
            ? "Fraction of the top-k vectors that are intruder dimensions" : "Intruder dimensions")
            + " (top \(topK) per matrix, summed over "
            + (subset.map { "the matrices of \($0)" } ?? "matrices") + ") "
            + "versus the threshold ε; dashed vertical: the chosen ε; dotted vertical: random-direction baselines."
    }

    /// The x axis (ε) and the y axis (counts or fractions; `allMatrices`: the title says so).
    private static func drawAxes(
        into svg: inout SVGBuilder, plot: PlotArea, x: LinearScale, y: LinearScale, scale: IntruderScale,
        allMatrices: Bool
    ) {
        let yTicks = scale == .count ? y.ticks(count: 5).filter { $0 == $0.rounded() } : y.ticks(count: 5)
        ChartAxis(
            edge: .bottom, ticks: x.ticks(count: 10), position: { x($0) },
            label: { x.tickLabel($0, count: 10) },
            title: "threshold ε (a vector is an intruder when its max |cos| < ε)"
        ).draw(into: &svg, plot: plot)
        ChartAxis(
            edge: .left, ticks: yTicks, position: { y($0) },
            label: { scale == .count ? NumberFormat.fixed($0, 0) : y.tickLabel($0, count: 5) },
            title: IntruderTotals.axisTitle(scale, allMatrices ? "all matrices" : "")
        ).draw(into: &svg, plot: plot)
    }

    /// One line per run over the ε's of the grid within the x range; returns the CSV rows, one per
    /// ε of the grid: the ε, then each run's value.
    private static func drawRuns(
        into svg: inout SVGBuilder, runs: [FineTuneRun], totals: [IntruderCounts], vectors: [Int], grid: [Double],
        figures: FigureSettings, x: LinearScale, y: LinearScale
    ) -> [[String]] {
        let scale = figures.intruderScale
        let range = figures.epsilonRange
        var rows: [[String]] = grid.map { [EpsilonKey.string($0)] }
        for (index, run) in runs.enumerated() {
            var points: [(Double, Double)] = []
            for (row, epsilon) in grid.enumerated() {
                if let count = totals[index][epsilon] {
                    let value = IntruderTotals.value(count, vectors: vectors[index], scale: scale)
                    if range?.contains(epsilon) ?? true { points.append((x(epsilon), y(value))) }
                    rows[row].append(IntruderTotals.csvText(value, scale: scale))
                } else {
                    rows[row].append("")
                }
            }
            svg.series(points, style: figures.style(index), label: RunLabel.text(run))
        }
        return rows
    }

    /// The top of the y axis: the largest value of a run or a control within the x range, at
    /// least 1 (counts) or 0.05 (fractions).
    static func largestValue(
        totals: [IntruderCounts], vectors: [Int], controls: [[ControlSummary]], controlVectors: [[Int]],
        range: EpsilonRange?,
        scale: IntruderScale
    ) -> Double {
        var maxCount = scale == .count ? 1.0 : 0.05
        for (index, total) in totals.enumerated() {
            for (epsilon, value) in total.pairs where range?.contains(epsilon) ?? true {
                maxCount = max(maxCount, IntruderTotals.value(value, vectors: vectors[index], scale: scale))
            }
            for (position, control) in controls[index].enumerated() {
                for (epsilon, value) in control.intrudersByEpsilon.pairs where range?.contains(epsilon) ?? true {
                    maxCount = max(
                        maxCount, IntruderTotals.value(value, vectors: controlVectors[index][position], scale: scale))
                }
            }
        }
        return maxCount
    }

    /// The vertical marks: the ε in force (dashed; nil when out of range), the other reading ε's
    /// and the random-direction baselines (dotted, labelled).
    static func drawMarks(
        into svg: inout SVGBuilder, plot: PlotArea, x: LinearScale, epsilon: Double?, otherEpsilons: [Double],
        baselines: [RandomBaseline]
    ) {
        if let epsilon {
            let ex = x(epsilon)
            svg.line(x1: ex, y1: plot.top, x2: ex, y2: plot.bottom, stroke: "#777777", width: 1.5, dash: "4 3")
        }
        for epsilon in otherEpsilons {
            svg.line(
                x1: x(epsilon), y1: plot.top, x2: x(epsilon), y2: plot.bottom, stroke: "#777777", width: 1.2,
                dash: "5 2 1 2")
        }
        for (index, baseline) in baselines.enumerated() {
            let bx = x(baseline.value)
            svg.line(x1: bx, y1: plot.top, x2: bx, y2: plot.bottom, stroke: "#888888", width: 1.4, dash: "1 3")
            svg.text(
                baseline.shortLabel, x: index == 0 ? bx - 2 : bx + 2, y: plot.top - 4 - Double(max(0, index - 1)) * 11,
                anchor: index == 0 ? "end" : "start", classes: [.lbl, .sub], size: 10)
        }
    }

    /// Per run and control kind, two CSV columns: the control's counts, then the run's own over
    /// the same matrices, as counts or fractions like the run columns (fractions of the top-k
    /// vectors of the control's matrices).
    static func addControlColumns(
        to header: inout [String], rows: inout [[String]], runs: [FineTuneRun], controls: [[ControlSummary]],
        controlVectors: [[Int]], grid: [Double], scale: IntruderScale
    ) {
        for (index, run) in runs.enumerated() {
            for (position, control) in controls[index].enumerated() {
                let name = RunLabel.csvHeader(run)
                let kind = NullControlStyle.shortName(control.kind)
                let vectors = controlVectors[index][position]
                header += ["\(name) (\(kind))", "\(name) (over the \(kind)'s matrices)"]
                func cell(_ count: Int?) -> String {
                    count.map {
                        IntruderTotals.csvText(IntruderTotals.value($0, vectors: vectors, scale: scale), scale: scale)
                    } ?? ""
                }
                for (row, epsilon) in grid.enumerated() {
                    rows[row] += [
                        cell(control.intrudersByEpsilon[epsilon]), cell(control.runIntrudersByEpsilon[epsilon]),
                    ]
                }
            }
        }
    }

    /// Each run's null controls as grey curves in the run's marker.
    static func drawControls(
        into svg: inout SVGBuilder, runs: [FineTuneRun], controls: [[ControlSummary]], controlVectors: [[Int]],
        grid: [Double],
        range: EpsilonRange?, figures: FigureSettings, x: LinearScale, y: LinearScale
    ) {
        let scale = figures.intruderScale
        for (index, run) in runs.enumerated() {
            for (position, control) in controls[index].enumerated() {
                let label = "\(RunLabel.text(run)): \(NullControlStyle.name(control.kind))"
                let points = grid.compactMap { epsilon -> (x: Double, y: Double, tooltip: String)? in
                    let key = EpsilonKey.string(epsilon)
                    guard range?.contains(epsilon) ?? true, let count = control.intrudersByEpsilon[epsilon] else {
                        return nil
                    }
                    let value = IntruderTotals.value(count, vectors: controlVectors[index][position], scale: scale)
                    return (
                        x(epsilon), y(value), "\(label), ε = \(key): \(IntruderTotals.csvText(value, scale: scale))"
                    )
                }
                svg.controlSeries(points, kind: control.kind, marker: figures.style(index).marker, label: label)
            }
        }
    }

    /// The top-k vectors of `run`'s matrices (among `names`; nil: all) that have a control of
    /// `kind`: what the control's fractions are of.
    static func controlVectors(_ run: FineTuneRun, kind: NullControlKind, names: Set<String>?) -> Int {
        run.matrices.reduce(0) { total, matrix in
            (names?.contains(matrix.name) ?? true) && matrix.nullControls?.contains { $0.kind == kind } == true
                ? total + matrix.maxCosineTopK.count : total
        }
    }

    /// The legend: the runs, the control kinds shown, the ε in force, the other reading ε's and
    /// the baselines.
    static func legend(
        runs: [FineTuneRun], kinds: [NullControlKind], otherEpsilons: [Double], showsBaselines: Bool,
        figures: FigureSettings
    ) -> ChartLegend {
        ChartLegend(
            entries: runs.enumerated().map { index, run in
                figures.legendEntry(RunLabel.text(run), run: index)
            } + kinds.map { NullControlStyle.legendEntry($0, runMarkers: true) }
                + [
                    .init(
                        label: "chosen ε = \(NumberFormat.epsilon(figures.epsilon))",
                        sample: .line(color: "#777777", dash: "4 3", marker: nil))
                ]
                + (otherEpsilons.isEmpty
                    ? []
                    : [
                        .init(
                            label: "also read at ε = "
                                + otherEpsilons.map(NumberFormat.epsilon).joined(separator: ", "),
                            sample: .line(color: "#777777", dash: "5 2 1 2", marker: nil))
                    ])
                + (showsBaselines
                    ? [
                        .init(
                            label: "random-direction baseline",
                            sample: .line(color: "#888888", dash: "1 3", marker: nil))
                    ] : []))
    }
}
