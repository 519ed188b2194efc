import SpeclensDataset

/// The top-N × top-N matrix |cos(b_i, t_j)| between pre-trained (rows) and fine-tuned (columns)
/// singular vectors, with intruder columns outlined (paper Fig. 2/3).
enum SimilarityHeatmapChart {
    /// The gallery kind of these charts.
    static let kind = FigureKind.similarity

    static func make(
        base: BaseMatrixRecord, comparison: MatrixComparison, run: FineTuneRun,
        epsilon: Double, path: SitePath
    ) -> Chart {
        let matrix = comparison.similarity
        let rows = matrix.count
        let columns = matrix.map(\.count).max() ?? 0
        let cell = max(4, min(14, 340 / Double(max(rows, columns, 1))))
        let plot = PlotArea(x: 64, y: 56, width: cell * Double(columns), height: cell * Double(rows))
        let width = max(plot.right + 120, 420)
        let height = plot.bottom + 50
        let scale = ColorScale(lower: 0, upper: 1)
        let intruders = Set(comparison.intruderIndices)
        var svg = SVGBuilder(
            width: width, height: height,
            title: "Singular-vector similarity, \(base.name), run \(run.displayLabel)",
            description: "|cos| between the top \(rows) pre-trained singular vectors (rows i) and the top "
                + "\(columns) fine-tuned ones (columns j), viridis from 0 to 1. Intruder columns (max |cos| "
                + "< \(NumberFormat.epsilon(epsilon)) against all pre-trained vectors) are outlined: "
                + (intruders.isEmpty ? "none." : intruders.sorted().map(String.init).joined(separator: ", ") + "."))
        ChartLegend(entries: [
            .init(label: "intruder column (j)", sample: .marker(.triangle, color: CategoricalPalette.intruder))
        ])
        .draw(into: &svg, x: plot.left, y: 6, width: 300)
        var csvRows: [[String]] = []
        var cells: [(column: Int, row: Int, color: String)] = []
        for i in 0..<rows {
            var csvRow = [String(i)]
            for j in 0..<columns {
                let value = j < matrix[i].count ? Double(matrix[i][j]) : .nan
                csvRow.append(value.isFinite ? NumberFormat.fixed(value, 4) : "")
                guard value.isFinite else { continue }
                // Colours in 64 levels (the CSV has the exact values): equal colours merge.
                let level = (scale.fraction(value) * 63).rounded() / 63
                cells.append((j, i, scale.color(scale.lower + level * (scale.upper - scale.lower))))
            }
            csvRows.append(csvRow)
        }
        svg.cells(cells, x: plot.left, y: plot.top, cellSize: cell)
        svg.rect(x: plot.left, y: plot.top, width: plot.width, height: plot.height, classes: [.frame])
        for j in intruders.sorted() where j < columns {
            let x = plot.left + Double(j) * cell
            svg.rect(
                x: x, y: plot.top, width: cell, height: plot.height, fill: "none",
                stroke: CategoricalPalette.intruder, strokeWidth: 2, tooltip: "intruder j = \(j)")
            ChartMarker.triangle.draw(
                into: &svg, x: x + cell / 2, y: plot.top - 7, size: 8,
                color: CategoricalPalette.intruder)
        }
        let step = max(1, Int(LinearScale.niceStep(span: Double(max(rows, columns)), count: 6)))
        for j in stride(from: 0, to: columns, by: step) {
            let x = plot.left + (Double(j) + 0.5) * cell
            svg.line(x1: x, y1: plot.bottom, x2: x, y2: plot.bottom + 4, classes: [.ax])
            svg.text(String(j), x: x, y: plot.bottom + 15, anchor: "middle")
        }
        for i in stride(from: 0, to: rows, by: step) {
            let y = plot.top + (Double(i) + 0.5) * cell
            svg.line(x1: plot.left - 4, y1: y, x2: plot.left, y2: y, classes: [.ax])
            svg.text(String(i), x: plot.left - 7, y: y + 4, anchor: "end")
        }
        svg.text(
            "fine-tuned singular vector j (rank, 0 = largest σ)", x: plot.left + plot.width / 2,
            y: plot.bottom + 34, anchor: "middle", classes: [.lbl, .ttl])
        svg.text(
            "pre-trained vector i (rank)", x: plot.left - 36, y: plot.top + plot.height / 2,
            anchor: "middle", classes: [.lbl, .ttl], rotate: -90)
        ColorBar(
            scale: scale, ticks: [0, 0.25, 0.5, 0.75, 1], label: { NumberFormat.fixed($0, 2) },
            title: "|cos|"
        )
        .draw(into: &svg, x: plot.right + 24, y: plot.top + 14, width: 12, height: max(80, min(plot.height - 14, 240)))
        return Chart(
            kind: kind, path: path,
            caption: "|cos| between the top \(rows) pre-trained (rows) and top \(columns) fine-tuned (columns) "
                + "singular vectors of \(base.name) in run \(run.displayLabel); outlined columns are intruders.",
            svg: svg,
            csv: CSVTable(header: ["i"] + (0..<columns).map { "j\($0)" }, rows: csvRows))
    }
}
