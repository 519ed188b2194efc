import SpeclensDataset

/// For each of the top-k fine-tuned singular vectors, its largest |cos| with any pre-trained one,
/// with the ε threshold and the random-direction baseline as reference lines, the run's null
/// controls as grey curves, and a diamond over each vector that leaves the pre-trained span.
enum MaxCosineChart {
    /// The gallery kind of these charts.
    static let kind = FigureKind.maxCosine

    /// Colour of the diamond marking a vector that leaves the pre-trained span (reddish purple).
    static let spanColor = CategoricalPalette.color(3)

    /// `controlsComputed`: whether the dataset has null controls at all (`parameters.null_controls`),
    /// for the description when the comparison has none.
    static func make(
        base: BaseMatrixRecord, comparison: MatrixComparison, run: FineTuneRun,
        epsilon: Double, path: SitePath, controlsComputed: Bool = false
    ) -> Chart {
        let values = comparison.maxCosineTopK.map(Double.init)
        let leaving = Set(SpanCategory.leavingRanks(comparison))
        let controls = NullControlStyle.kinds.compactMap { kind in comparison.nullControls?.first { $0.kind == kind } }
        let width = 480.0
        let baseline = base.randomBaselineMaxCosine
        let legend = legend(leaves: !leaving.isEmpty, controls: controls, epsilon: epsilon, baseline: baseline)
        let legendHeight = legend.height(width: width - 90)
        let plot = PlotArea(x: 64, y: 12 + legendHeight + 10, width: width - 64 - 24, height: 220)
        let height = plot.bottom + 48
        let controlText = NullControlStyle.chartClause(
            kinds: controls.map(\.kind), computed: controlsComputed, runMarkers: false)
        let spanText =
            leaving.isEmpty
            ? ""
            : " Diamonds mark vectors that leave the pre-trained span (more than half of their squared norm outside it)."
        var svg = SVGBuilder(
            width: width, height: height,
            title: "Max |cos| of the top-\(values.count) fine-tuned vectors, \(base.name), run \(run.displayLabel)",
            description: "Bars: for each fine-tuned singular vector j (by rank), its largest |cos| with any "
                + "pre-trained singular vector. Bars below ε (dashed) are intruders; the dotted line is the "
                + "expected value for a random direction in dimension \(base.vectorDimension) against the "
                + "\(RandomBaseline.vectors(base)) pre-trained vectors." + spanText + controlText)
        legend.draw(into: &svg, x: plot.left, y: 8, width: width - 90)
        let y = LinearScale(domain: (0, 1), range: (plot.bottom, plot.top))
        let band = plot.width / Double(max(values.count, 1))
        ChartAxis(
            edge: .left, ticks: y.ticks(count: 5), position: { y($0) }, label: { y.tickLabel($0, count: 5) },
            title: "max over i of |cos(b_i, t_j)|"
        ).draw(into: &svg, plot: plot)
        let rows = drawBars(
            values, into: &svg, plot: plot, y: y, band: band, comparison: comparison, leaving: leaving,
            controls: controls)
        svg.line(x1: plot.left, y1: plot.bottom, x2: plot.right, y2: plot.bottom, classes: [.ax])
        svg.text(
            "fine-tuned singular vector j (rank, 0 = largest σ)", x: plot.left + plot.width / 2,
            y: plot.bottom + 36, anchor: "middle", classes: [.lbl, .ttl])
        svg.line(
            x1: plot.left, y1: y(epsilon), x2: plot.right, y2: y(epsilon), stroke: "#777777", width: 1.5, dash: "5 3")
        svg.line(
            x1: plot.left, y1: y(baseline), x2: plot.right, y2: y(baseline),
            stroke: CategoricalPalette.color(2), width: 1.5, dash: "2 2")
        drawControls(controls, into: &svg, count: values.count, plot: plot, y: y, band: band, run: run)
        return Chart(
            kind: kind, path: path,
            caption: "Largest |cos| of each top-\(values.count) fine-tuned singular vector of \(base.name) "
                + "(run \(run.displayLabel)) with any pre-trained one; dashed: ε, dotted: random-direction baseline."
                + spanText + controlText,
            svg: svg,
            csv: CSVTable(
                header: ["j", "max_abs_cos", "intruder", "sigma_wt", "span_fraction", "leaves_span"]
                    + NullControlStyle.kinds.map { NullControlStyle.column($0) + "_max_abs_cos" }, rows: rows))
    }

    /// The legend: kept and intruder bars, the span diamond (when a vector `leaves` the span),
    /// the controls, ε and the random baseline.
    private static func legend(
        leaves: Bool, controls: [NullControl], epsilon: Double, baseline: Double
    ) -> ChartLegend {
        ChartLegend(
            entries: [
                .init(label: "max |cos| (kept)", sample: .swatch(color: CategoricalPalette.ordinary)),
                .init(label: "intruder (< ε)", sample: .swatch(color: CategoricalPalette.intruder)),
            ]
                + (leaves
                    ? [
                        .init(
                            label: "leaves the pre-trained span (f² < 1/2)", sample: .marker(.diamond, color: spanColor)
                        )
                    ] : [])
                + controls.map { NullControlStyle.legendEntry($0.kind, runMarkers: false) }
                + [
                    .init(
                        label: "ε = \(NumberFormat.epsilon(epsilon))",
                        sample: .line(color: "#777777", dash: "5 3", marker: nil)),
                    .init(
                        label: "random baseline \(NumberFormat.fixed(baseline, 3))",
                        sample: .line(color: CategoricalPalette.color(2), dash: "2 2", marker: nil)),
                ])
    }

    /// Draws a bar per vector (intruders in their colour, a diamond over each vector in
    /// `leaving`) with a rank label every few bars; returns the CSV rows.
    private static func drawBars(
        _ values: [Double], into svg: inout SVGBuilder, plot: PlotArea, y: LinearScale, band: Double,
        comparison: MatrixComparison, leaving: Set<Int>, controls: [NullControl]
    ) -> [[String]] {
        let intruders = Set(comparison.intruderIndices)
        var rows: [[String]] = []
        let labelStep = max(1, Int((28 / band).rounded(.up)))
        for (j, value) in values.enumerated() {
            let left = plot.left + Double(j) * band
            let intruder = intruders.contains(j)
            let span = comparison.spanFractionTopK.flatMap { j < $0.count ? Double($0[j]) : nil }
            let spanNote = leaving.contains(j) ? ", leaves the span: f = \(NumberFormat.fixed(span ?? 0, 3))" : ""
            svg.rect(
                x: left + band * 0.15, y: y(value), width: band * 0.7, height: plot.bottom - y(value),
                fill: intruder ? CategoricalPalette.intruder : CategoricalPalette.ordinary,
                tooltip: "j = \(j): \(NumberFormat.fixed(value, 3))" + (intruder ? " (intruder)" : "") + spanNote)
            if leaving.contains(j) {
                ChartMarker.diamond.draw(
                    into: &svg, x: left + band / 2, y: y(value) - 8, size: 9, color: spanColor,
                    tooltip: "j = \(j) leaves the pre-trained span: f = \(NumberFormat.fixed(span ?? 0, 3))")
            }
            if j % labelStep == 0 {
                svg.line(x1: left + band / 2, y1: plot.bottom, x2: left + band / 2, y2: plot.bottom + 5, classes: [.ax])
                svg.text(String(j), x: left + band / 2, y: plot.bottom + 17, anchor: "middle")
            }
            rows.append(
                csvRow(
                    j, value: value, intruder: intruder, span: span, leaves: leaving.contains(j),
                    comparison: comparison, controls: controls))
        }
        return rows
    }

    /// Each null control's max |cos| over the first `count` ranks as a grey curve.
    private static func drawControls(
        _ controls: [NullControl], into svg: inout SVGBuilder, count: Int, plot: PlotArea, y: LinearScale,
        band: Double, run: FineTuneRun
    ) {
        for control in controls {
            let label = "\(NullControlStyle.name(control.kind)) of run \(run.displayLabel)"
            let points = control.maxCosineTopK.prefix(count).enumerated().map { j, value in
                (
                    x: plot.left + (Double(j) + 0.5) * band, y: y(Double(value)),
                    tooltip: "\(NullControlStyle.name(control.kind)), j = \(j): \(NumberFormat.fixed(Double(value), 3))"
                )
            }
            svg.controlSeries(points, kind: control.kind, marker: NullControlStyle.marker(control.kind), label: label)
        }
    }

    /// The CSV row of vector `j`: its max |cos|, whether it is an intruder, Wt's σ_j, its span
    /// fraction and whether it leaves the span, and each null control's max |cos|.
    static func csvRow(
        _ j: Int, value: Double, intruder: Bool, span: Double?, leaves: Bool, comparison: MatrixComparison,
        controls: [NullControl]
    ) -> [String] {
        let sigma =
            j < comparison.singularValues.tuned.count
            ? NumberFormat.significant(Double(comparison.singularValues.tuned[j]), 6) : ""
        let controlValues = NullControlStyle.kinds.map { kind -> String in
            guard let control = controls.first(where: { $0.kind == kind }), j < control.maxCosineTopK.count else {
                return ""
            }
            return NumberFormat.fixed(Double(control.maxCosineTopK[j]), 4)
        }
        return [
            String(j), NumberFormat.fixed(value, 4), intruder ? "1" : "0", sigma,
            span.map { NumberFormat.fixed($0, 4) } ?? "", span == nil ? "" : leaves ? "1" : "0",
        ] + controlValues
    }
}
