import SpeclensDataset

/// For each of the top-k fine-tuned singular vectors, its largest |cos| with any pre-trained one,
/// with the ε threshold and the random-direction baseline as reference lines.
enum MaxCosineChart {
    static func make(base: BaseMatrixRecord, comparison: MatrixComparison, run: FineTuneRun,
                     epsilon: Double, path: String) -> Chart {
        let values = comparison.maxCosineTopK.map(Double.init)
        let intruders = Set(comparison.intruderIndices)
        let width = 480.0
        let baseline = base.randomBaselineMaxCosine
        let legend = ChartLegend(entries: [
            .init(label: "max |cos| (kept)", sample: .swatch(color: CategoricalPalette.ordinary)),
            .init(label: "intruder (< ε)", sample: .swatch(color: CategoricalPalette.intruder)),
            .init(label: "ε = \(NumberFormat.epsilon(epsilon))", sample: .line(color: "#777777", dash: "5 3", marker: nil)),
            .init(label: "random baseline \(NumberFormat.fixed(baseline, 3))",
                  sample: .line(color: CategoricalPalette.color(2), dash: "2 2", marker: nil)),
        ])
        let legendHeight = legend.height(width: width - 90)
        let plot = PlotArea(x: 64, y: 12 + legendHeight + 10, width: width - 64 - 24, height: 220)
        let height = plot.bottom + 48
        var svg = SVGBuilder(
            width: width, height: height, title: "Max |cos| of the top-\(values.count) fine-tuned vectors, \(base.name), run \(run.displayLabel)",
            description: "Bars: for each fine-tuned singular vector j (by rank), its largest |cos| with any "
                + "pre-trained singular vector. Bars below ε (dashed) are intruders; the dotted line is the "
                + "expected value for a random direction in dimension \(base.vectorDimension).")
        legend.draw(into: &svg, x: plot.left, y: 8, width: width - 90)
        let y = LinearScale(domain: (0, 1), range: (plot.bottom, plot.top))
        let band = plot.width / Double(max(values.count, 1))
        ChartAxis(edge: .left, ticks: y.ticks(count: 5), position: { y($0) }, label: { y.tickLabel($0, count: 5) },
                  title: "max over i of |cos(b_i, t_j)|").draw(into: &svg, plot: plot)
        var rows: [[String]] = []
        let labelStep = max(1, Int((28 / band).rounded(.up)))
        for (j, value) in values.enumerated() {
            let left = plot.left + Double(j) * band
            let intruder = intruders.contains(j)
            svg.rect(x: left + band * 0.15, y: y(value), width: band * 0.7, height: plot.bottom - y(value),
                     fill: intruder ? CategoricalPalette.intruder : CategoricalPalette.ordinary,
                     tooltip: "j = \(j): \(NumberFormat.fixed(value, 3))" + (intruder ? " (intruder)" : ""))
            if j % labelStep == 0 {
                svg.line(x1: left + band / 2, y1: plot.bottom, x2: left + band / 2, y2: plot.bottom + 5, classes: [.ax])
                svg.text(String(j), x: left + band / 2, y: plot.bottom + 17, anchor: "middle")
            }
            let sigma = j < comparison.singularValues.tuned.count
                ? NumberFormat.significant(Double(comparison.singularValues.tuned[j]), 6) : ""
            rows.append([String(j), NumberFormat.fixed(value, 4), intruder ? "1" : "0", sigma])
        }
        svg.line(x1: plot.left, y1: plot.bottom, x2: plot.right, y2: plot.bottom, classes: [.ax])
        svg.text("fine-tuned singular vector j (rank, 0 = largest σ)", x: plot.left + plot.width / 2,
                 y: plot.bottom + 36, anchor: "middle", classes: [.lbl, .ttl])
        svg.line(x1: plot.left, y1: y(epsilon), x2: plot.right, y2: y(epsilon), stroke: "#777777", width: 1.5, dash: "5 3")
        svg.line(x1: plot.left, y1: y(baseline), x2: plot.right, y2: y(baseline),
                 stroke: CategoricalPalette.color(2), width: 1.5, dash: "2 2")
        return Chart(
            path: path,
            caption: "Largest |cos| of each top-\(values.count) fine-tuned singular vector of \(base.name) "
                + "(run \(run.displayLabel)) with any pre-trained one; dashed: ε, dotted: random-direction baseline.",
            svg: svg,
            csv: CSVTable(header: ["j", "max_abs_cos", "intruder", "sigma_wt"], rows: rows))
    }
}
