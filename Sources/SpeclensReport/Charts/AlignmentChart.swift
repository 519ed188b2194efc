import SpeclensDataset

/// Where LoRA updates point, per LoRA run, averaged over its adapted matrices: the mean cosine of
/// the principal angles between A's row space and W0's top-r right singular vectors, the same for
/// B's column space and the top-r left vectors, and the subspace similarity of ΔW's and W0's
/// top-r left spaces (all in [0, 1]), as markers on one horizontal line per run.
enum AlignmentChart {
    /// The gallery kind of these charts.
    static let kind = FigureKind.other

    /// The per-run means; nil for runs without LoRA measures.
    struct Means {
        let aRows: Double
        let bColumns: Double
        let similarity: Double
        let matrices: Int
    }

    static func means(_ run: FineTuneRun) -> Means? {
        let measures = run.matrices.compactMap(\.lowRankMeasures)
        guard !measures.isEmpty else { return nil }
        func mean(_ values: [Double]) -> Double { values.isEmpty ? 0 : values.reduce(0, +) / Double(values.count) }
        func meanCosine(_ cosines: [Float]) -> Double { mean(cosines.map(Double.init)) }
        return Means(
            aRows: mean(measures.map { meanCosine($0.aRowSpaceCosines) }),
            bColumns: mean(measures.map { meanCosine($0.bColumnSpaceCosines) }),
            similarity: mean(measures.map(\.subspaceSimilarity)), matrices: measures.count)
    }

    /// The chart over the runs that have LoRA measures; nil when none has.
    static func make(dataset: SpectralDataset, path: SitePath) -> Chart? {
        let rows = dataset.runs.compactMap { run in means(run).map { (run, $0) } }
        guard !rows.isEmpty else { return nil }
        let labels = rows.map { PlotArea.truncate(RunLabel.text($0.0), 36) }
        let labelWidth = labels.map { PlotArea.textWidth($0) }.max() ?? 40
        let width = 680.0
        let band = 26.0
        let series: [(name: String, value: (Means) -> Double, marker: ChartMarker, color: String)] = [
            ("A rows vs W0's top-r right vectors (mean cos)", { $0.aRows }, .circle, CategoricalPalette.color(0)),
            ("B columns vs W0's top-r left vectors (mean cos)", { $0.bColumns }, .square, CategoricalPalette.color(1)),
            ("subspace similarity of the top-r left spaces", { $0.similarity }, .triangle, CategoricalPalette.color(2)),
        ]
        let legend = ChartLegend(
            entries: series.map { .init(label: $0.name, sample: .marker($0.marker, color: $0.color)) })
        let legendHeight = legend.height(width: width - 40)
        let plot = PlotArea(
            x: labelWidth + 24, y: 16 + legendHeight + 8, width: width - labelWidth - 24 - 30,
            height: band * Double(rows.count))
        var svg = SVGBuilder(
            width: width, height: plot.bottom + 48, title: "Where LoRA updates point",
            description:
                "For each LoRA run, averaged over its adapted matrices: the mean cosine of the principal angles "
                + "between A's row space and W0's top-r right singular vectors, and between B's column space and W0's "
                + "top-r left singular vectors, and the subspace similarity of ΔW's and W0's top-r left singular spaces "
                + "(Hu et al. 2021, §7). 1 means aligned with W0's strongest directions.")
        legend.draw(into: &svg, x: 20, y: 10, width: width - 40)
        let x = LinearScale(domain: (0, 1), range: (plot.left, plot.right))
        ChartAxis(
            edge: .bottom, ticks: [0, 0.25, 0.5, 0.75, 1], position: { x($0) }, label: { NumberFormat.fixed($0, 2) },
            title: "cosine / similarity (1 = aligned with W0's top-r directions)"
        ).draw(into: &svg, plot: plot)
        var csv: [[String]] = []
        for (index, (run, means)) in rows.enumerated() {
            let y = plot.top + Double(index) * band + band / 2
            svg.text(labels[index], x: plot.left - 8, y: y + 4, anchor: "end")
            svg.line(x1: plot.left, y1: y, x2: plot.right, y2: y, stroke: "#dddddd", width: 1, dash: nil)
            for entry in series {
                let value = entry.value(means)
                entry.marker.draw(
                    into: &svg, x: x(value), y: y, size: 7, color: entry.color,
                    tooltip: "\(run.displayLabel): \(entry.name) \(NumberFormat.fixed(value, 3))")
            }
            csv.append([
                run.id.rawValue, run.displayLabel, String(means.matrices), NumberFormat.fixed(means.aRows, 4),
                NumberFormat.fixed(means.bColumns, 4), NumberFormat.fixed(means.similarity, 4),
            ])
        }
        return Chart(
            kind: kind, path: path,
            caption:
                "Where LoRA updates point: per LoRA run, the mean cosines of the principal angles of A's rows and B's "
                + "columns with W0's top-r singular vectors, and the subspace similarity of the top-r left spaces.",
            svg: svg,
            csv: CSVTable(
                header: [
                    "run", "label", "matrices", "a_rows_mean_cos", "b_columns_mean_cos", "subspace_similarity_mean",
                ], rows: csv))
    }
}
