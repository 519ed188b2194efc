import SpeclensDataset

/// A per-matrix measure for one run as a layer × module grid (viridis, from 0 to `upper`),
/// with a colour bar. Unchanged or missing matrices are grey.
enum LayerModuleHeatmap {
    /// The gallery kind of these charts.
    static let kind = FigureKind.layerModuleMaps

    /// What the cells show.
    struct Measure: Sendable {
        /// Title stem, e.g. `Effective rank of ΔW`.
        var title: String
        /// Colour-bar title.
        var short: String
        /// CSV column name.
        var column: String
        var value: @Sendable (MatrixComparison) -> Double?
        var cellText: @Sendable (Double) -> String
        var csvText: @Sendable (Double) -> String
        /// Whether cells near storage resolution are marked (the value depends on the rounding
        /// floor of the storage format), with a CSV column saying which.
        var marksStorageResolution = false

        /// Intruders among the top k at the ε in force (`MatrixComparison.intruders` of the
        /// dataset as read); unchanged matrices are grey.
        static func intruders(epsilon: Double) -> Measure {
            Measure(
                title: "Intruders at ε = \(NumberFormat.epsilon(epsilon))", short: "intruders",
                column: "intruders_at_epsilon",
                value: { $0.changed ? Double($0.intruders) : nil },
                cellText: { NumberFormat.fixed($0, 0) }, csvText: { NumberFormat.fixed($0, 0) })
        }
    }

    /// `upper`: the top of the colour scale (e.g. the run's largest effective rank); `index`
    /// places each of the run's matrices by its base matrix's layer and module.
    static func make(
        index: DatasetIndex, run: FineTuneRun, upper: Double, path: SitePath,
        measure: Measure
    ) -> Chart {
        let cells = cells(index: index, run: run)
        let modules = ModuleOrder.sorted(Array(cells.keys))
        let layers = Set(cells.values.flatMap(\.keys)).sorted()
        let rowLabels = modules.map { PlotArea.truncate($0, 32) }
        let labelWidth = rowLabels.map { PlotArea.textWidth($0) }.max() ?? 40
        let cell = max(18, min(40, 520 / Double(max(layers.count, 1))))
        let rowHeight = 20.0
        let plot = PlotArea(
            x: labelWidth + 16, y: 30, width: cell * Double(layers.count),
            height: rowHeight * Double(max(modules.count, 1)))
        let width = max(plot.right + 110, 360)
        let height = plot.bottom + 44
        let scale = ColorScale(lower: 0, upper: upper > 0 && upper.isFinite ? upper : 1)
        let marked =
            measure.marksStorageResolution && run.matrices.contains { $0.changed && StorageCaveat.isFlagged($0) }
        let markText =
            marked
            ? " A corner mark: near storage resolution (the effective rank depends on the rounding floor of the storage format)."
            : ""
        var svg = SVGBuilder(
            width: width, height: height, title: "\(measure.title) by layer and module: \(run.displayLabel)",
            description: "Heat map for run \(run.displayLabel): columns are layers, rows are modules, colour is the "
                + "\(measure.title) (viridis, 0 to \(NumberFormat.significant(scale.upper, 3))). "
                + "Grey cells: unchanged matrix or none analysed." + markText)
        svg.text(PlotArea.truncate(RunLabel.text(run), 60), x: plot.left, y: 16, classes: [.lbl, .ttl])
        let rows = drawGrid(
            cells, modules: modules, layers: layers, rowLabels: rowLabels, into: &svg, plot: plot, cell: cell,
            rowHeight: rowHeight, scale: scale, measure: measure)
        drawLayerLabels(layers, into: &svg, plot: plot, cell: cell)
        drawColorBar(scale, into: &svg, plot: plot, title: measure.short)
        return Chart(
            kind: kind, path: path,
            caption:
                "\(measure.title) by layer (columns) and module (rows) for run \(run.displayLabel); grey: unchanged."
                + markText,
            svg: svg,
            csv: CSVTable(
                header: ["module", "layer", "matrix", measure.column, "intruders", "changed"]
                    + (measure.marksStorageResolution ? ["near_storage_resolution"] : []), rows: rows))
    }

    /// The run's comparisons by module, then by layer (−1: none), placed by their base matrices.
    private static func cells(index: DatasetIndex, run: FineTuneRun) -> [String: [Int: MatrixComparison]] {
        var cells: [String: [Int: MatrixComparison]] = [:]  // module → layer (−1: none) → record
        for comparison in run.matrices {
            guard let base = index.base(named: comparison.name) else { continue }
            cells[base.module, default: [:]][base.layer ?? -1] = comparison
        }
        return cells
    }

    /// Draws a row per module (its label, then a cell per layer, grey where there is no matrix);
    /// returns the CSV rows of the matrices.
    private static func drawGrid(
        _ cells: [String: [Int: MatrixComparison]], modules: [String], layers: [Int], rowLabels: [String],
        into svg: inout SVGBuilder, plot: PlotArea, cell: Double, rowHeight: Double, scale: ColorScale,
        measure: Measure
    ) -> [[String]] {
        var rows: [[String]] = []
        for (rowIndex, module) in modules.enumerated() {
            let y = plot.top + Double(rowIndex) * rowHeight
            svg.text(rowLabels[rowIndex], x: plot.left - 6, y: y + rowHeight / 2 + 4, anchor: "end")
            for (columnIndex, layer) in layers.enumerated() {
                let x = plot.left + Double(columnIndex) * cell
                guard let comparison = cells[module]?[layer] else {
                    svg.rect(x: x + 1, y: y + 1, width: cell - 2, height: rowHeight - 2, classes: [.na])
                    continue
                }
                rows.append(
                    drawCell(
                        comparison, into: &svg, x: x, y: y, cell: cell, rowHeight: rowHeight, scale: scale,
                        measure: measure, module: module, layer: layer))
            }
        }
        return rows
    }

    /// Draws the cell of `comparison` with its top-left corner at (x, y): coloured by the
    /// measure (a corner mark when near storage resolution, the value written when the cell is
    /// wide enough), grey when unchanged; returns its CSV row.
    private static func drawCell(
        _ comparison: MatrixComparison, into svg: inout SVGBuilder, x: Double, y: Double, cell: Double,
        rowHeight: Double, scale: ColorScale, measure: Measure, module: String, layer: Int
    ) -> [String] {
        let layerText = layer < 0 ? "none" : String(layer)
        let flagged =
            measure.marksStorageResolution && comparison.changed && StorageCaveat.isFlagged(comparison)
        if let value = measure.value(comparison) {
            svg.rect(
                x: x + 0.5, y: y + 0.5, width: cell - 1, height: rowHeight - 1, fill: scale.color(value),
                tooltip: "\(comparison.name): \(measure.short) \(measure.csvText(value))"
                    + (flagged ? " (near storage resolution)" : ""))
            if flagged {
                svg.polygon(
                    [(x + cell - 8, y + 0.5), (x + cell - 0.5, y + 0.5), (x + cell - 0.5, y + 8)],
                    fill: scale.prefersDarkText(value) ? "#000000" : "#ffffff",
                    tooltip: "\(comparison.name): near storage resolution")
            }
            if cell >= 30 {
                svg.text(
                    measure.cellText(value), x: x + cell / 2, y: y + rowHeight / 2 + 3.5,
                    anchor: "middle", classes: [],
                    fill: scale.prefersDarkText(value) ? "#000000" : "#ffffff", size: 9)
            }
        } else {
            svg.rect(
                x: x + 1, y: y + 1, width: cell - 2, height: rowHeight - 2, classes: [.na],
                tooltip: "\(comparison.name): unchanged")
        }
        return [
            module, layerText, comparison.name,
            NumberFormat.optional(measure.value(comparison), measure.csvText),
            String(comparison.intruders), comparison.changed ? "1" : "0",
        ]
            + (measure.marksStorageResolution ? [flagged ? "1" : "0"] : [])
    }

    /// The layer labels under the columns (every few columns when they are narrow) and the axis title.
    private static func drawLayerLabels(_ layers: [Int], into svg: inout SVGBuilder, plot: PlotArea, cell: Double) {
        let columnStep = max(1, Int((24 / cell).rounded(.up)))
        for (columnIndex, layer) in layers.enumerated() where columnIndex % columnStep == 0 {
            svg.text(
                layer < 0 ? "–" : String(layer), x: plot.left + (Double(columnIndex) + 0.5) * cell,
                y: plot.bottom + 14, anchor: "middle")
        }
        svg.text("layer", x: plot.left + plot.width / 2, y: plot.bottom + 32, anchor: "middle", classes: [.lbl, .ttl])
    }

    /// The colour bar to the right of the grid.
    private static func drawColorBar(_ scale: ColorScale, into svg: inout SVGBuilder, plot: PlotArea, title: String) {
        let barTicks = LinearScale(domain: (0, scale.upper), range: (0, 1)).ticks(count: 4)
        ColorBar(
            scale: scale, ticks: barTicks,
            label: { LinearScale(domain: (0, scale.upper), range: (0, 1)).tickLabel($0, count: 4) },
            title: title
        )
        .draw(into: &svg, x: plot.right + 20, y: plot.top + 4, width: 12, height: max(60, min(plot.height - 4, 200)))
    }
}

extension LayerModuleHeatmap.Measure {
    /// The maps of a catalogued measure (``MeasureCatalogue/heatMapMeasures``): titled by its
    /// label, its CSV column named as in the export.
    init(_ measure: SpeclensDataset.Measure, heatMap: MeasureHeatMap) {
        let column: String
        if case .column(let name) = measure.export { column = name } else { column = measure.key }
        self.init(
            title: measure.title, short: heatMap.short, column: column, value: heatMap.value,
            cellText: { MeasureFormat.number($0, heatMap.cell) }, csvText: { MeasureFormat.number($0, heatMap.csv) },
            marksStorageResolution: heatMap.marksStorageResolution)
    }
}
