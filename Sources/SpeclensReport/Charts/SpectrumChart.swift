import SpeclensDataset

/// Singular values of W0, Wt and ΔW against rank on a log axis; intruders marked on Wt's curve.
enum SpectrumChart {
    /// The gallery kind of these charts.
    static let kind = FigureKind.spectra

    static func make(
        base: BaseMatrixRecord, comparison: MatrixComparison, run: FineTuneRun, path: SitePath,
        pointLimit: Int = 600
    ) -> Chart {
        let drawn = SpectrumThinning.ranks(
            count: max(base.singularValues.count, comparison.singularValues.tuned.count),
            limit: pointLimit, keep: Set(comparison.intruderIndices))
        let thinned = drawn.count < max(base.singularValues.count, comparison.singularValues.tuned.count)
        let series: [(String, [Float])] = [
            ("W0 (pre-trained)", base.singularValues),
            ("Wt (fine-tuned)", comparison.singularValues.tuned),
            ("ΔW = Wt − W0", comparison.singularValues.delta),
        ]
        let positive = series.flatMap { $0.1 }.map(Double.init).filter { $0 > 0 && $0.isFinite }
        let lower = positive.min() ?? 1e-3
        let upper = positive.max() ?? 1
        let count = series.map { $0.1.count }.max() ?? 1
        let width = 680.0
        let legend = legend(series.map(\.0))
        let legendHeight = legend.height(width: width - 90)
        let plot = PlotArea(x: 70, y: 14 + legendHeight + 10, width: width - 70 - 24, height: 260)
        let height = plot.bottom + 48
        var svg = SVGBuilder(
            width: width, height: height, title: "Singular values of \(base.name), run \(run.displayLabel)",
            description: "Singular values (log scale) against rank for the pre-trained matrix W0, the "
                + "fine-tuned matrix Wt and the update ΔW; intruder dimensions are marked on Wt's curve."
                + (thinned
                    ? " Drawn with \(drawn.count) of \(max(base.singularValues.count, comparison.singularValues.tuned.count)) ranks "
                        + "(the first 100 exactly, then log-spaced ranks, every intruder); the CSV has all values."
                    : ""))
        legend.draw(into: &svg, x: plot.left, y: 8, width: width - 90)
        let x = LinearScale(domain: (0, Double(max(count - 1, 1))), range: (plot.left, plot.right))
        let y = LogScale(domain: (lower, upper), range: (plot.bottom, plot.top)).niced()
        ChartAxis(
            edge: .bottom, ticks: x.ticks(count: 8).filter { $0 == $0.rounded() }, position: { x($0) },
            label: { NumberFormat.fixed($0, 0) }, title: "rank (0 = largest singular value)"
        )
        .draw(into: &svg, plot: plot)
        ChartAxis(
            edge: .left, ticks: y.ticks(), position: { y($0) }, label: LogScale.tickLabel,
            title: "singular value σ (log scale)"
        ).draw(into: &svg, plot: plot)
        for (index, item) in series.enumerated() {
            drawSpectrum(item.1, index: index, ranks: drawn, into: &svg, x: x, y: y)
        }
        drawIntruders(comparison, into: &svg, x: x, y: y)
        return Chart(
            kind: kind, path: path,
            caption: caption(base: base, comparison: comparison, run: run, drawn: thinned ? drawn.count : nil),
            svg: svg,
            csv: CSVTable(
                header: ["rank", "sigma_w0", "sigma_wt", "sigma_delta", "intruder"],
                rows: csvRows(base: base, comparison: comparison, count: count)))
    }

    /// The colour of series `index` (W0, Wt, ΔW).
    private static func color(_ index: Int) -> String {
        CategoricalPalette.color(index == 2 ? 2 : index == 1 ? 4 : 0)
    }

    /// The legend: a line per series (`labels`), then the intruder dot.
    private static func legend(_ labels: [String]) -> ChartLegend {
        ChartLegend(
            entries: labels.enumerated().map { index, label in
                .init(
                    label: label, sample: .line(color: color(index), dash: CategoricalPalette.dash(index), marker: nil))
            } + [.init(label: "intruder (label: rank j)", sample: .marker(.circle, color: CategoricalPalette.intruder))]
        )
    }

    /// Draws the spectrum `values` of series `index` at the `ranks` drawn (positive, finite values only).
    private static func drawSpectrum(
        _ values: [Float], index: Int, ranks: [Int], into svg: inout SVGBuilder, x: LinearScale, y: LogScale
    ) {
        let points = ranks.compactMap { rank -> (Double, Double)? in
            guard rank < values.count else { return nil }
            let value = values[rank]
            return value > 0 && value.isFinite ? (x(Double(rank)), y(Double(value))) : nil
        }
        svg.polyline(points, stroke: color(index), width: 1.8, dash: CategoricalPalette.dash(index))
    }

    /// Marks each intruder on Wt's curve with a dot and its rank.
    private static func drawIntruders(
        _ comparison: MatrixComparison, into svg: inout SVGBuilder, x: LinearScale, y: LogScale
    ) {
        let tuned = comparison.singularValues.tuned
        for j in comparison.intruderIndices.sorted() where j >= 0 && j < tuned.count && tuned[j] > 0 {
            let px = x(Double(j))
            let py = y(Double(tuned[j]))
            svg.circle(
                cx: px, cy: py, r: 4, fill: CategoricalPalette.intruder,
                tooltip: "intruder j = \(j), σ = \(NumberFormat.significant(Double(tuned[j]), 4))")
            svg.text("j=\(j)", x: px + 6, y: py - 6, classes: [.lbl], fill: CategoricalPalette.intruder)
        }
    }

    /// The CSV rows: per rank below `count`, the three singular values and whether it is an intruder.
    private static func csvRows(base: BaseMatrixRecord, comparison: MatrixComparison, count: Int) -> [[String]] {
        let intruders = Set(comparison.intruderIndices)
        return (0..<count).map { rank -> [String] in
            func value(_ values: [Float]) -> String {
                rank < values.count ? NumberFormat.significant(Double(values[rank]), 6) : ""
            }
            return [
                String(rank), value(base.singularValues), value(comparison.singularValues.tuned),
                value(comparison.singularValues.delta), intruders.contains(rank) ? "1" : "0",
            ]
        }
    }

    /// The caption; `drawn`: the number of ranks drawn when the spectra are thinned.
    private static func caption(
        base: BaseMatrixRecord, comparison: MatrixComparison, run: FineTuneRun, drawn: Int?
    ) -> String {
        "Singular values of W0, Wt and ΔW for \(base.name) in run \(run.displayLabel) (log scale); "
            + "dots mark intruders on Wt's spectrum."
            + (drawn.map { " Thinned to \($0) drawn ranks; the CSV has every value." } ?? "")
            + (comparison.singularValues.isCut(baseCount: base.singularValues.count)
                ? " Wt's spectrum is cut after rank \(comparison.singularValues.tuned.count - 1): only its top "
                    + "\(comparison.singularValues.tuned.count) singular values were computed (analyse with --full-spectra for all)."
                : "")
    }
}
