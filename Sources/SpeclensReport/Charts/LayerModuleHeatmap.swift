import SpeclensDataset

/// Effective rank of ΔW for one run as a layer × module grid (viridis, from 0 to `upper`),
/// with a colour bar. Unchanged or missing matrices are grey.
enum LayerModuleHeatmap {
    /// `upper`: the top of the colour scale (the run's largest effective rank).
    static func make(dataset: SpectralDataset, run: FineTuneRun, upper: Double, path: String) -> Chart {
        let baseByName = Dictionary(dataset.base.matrices.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
        var cells: [String: [Int: MatrixComparison]] = [:]  // module → layer (−1: none) → record
        for comparison in run.matrices {
            guard let base = baseByName[comparison.name] else { continue }
            cells[base.module, default: [:]][base.layer ?? -1] = comparison
        }
        let modules = cells.keys.sorted()
        let layers = Set(cells.values.flatMap(\.keys)).sorted()
        let rowLabels = modules.map { PlotArea.truncate($0, 32) }
        let labelWidth = rowLabels.map { PlotArea.textWidth($0) }.max() ?? 40
        let cell = max(18, min(40, 520 / Double(max(layers.count, 1))))
        let rowHeight = 20.0
        let plot = PlotArea(x: labelWidth + 16, y: 30, width: cell * Double(layers.count),
                            height: rowHeight * Double(max(modules.count, 1)))
        let width = max(plot.right + 110, 360)
        let height = plot.bottom + 44
        let scale = ColorScale(lower: 0, upper: max(upper, 1))
        var svg = SVGBuilder(
            width: width, height: height, title: "Effective rank of ΔW by layer and module: \(run.id)",
            description: "Heat map for run \(run.id): columns are layers, rows are modules, colour is the "
                + "effective rank of the update ΔW (viridis, 0 to \(NumberFormat.fixed(scale.upper, 1))). "
                + "Grey cells: unchanged matrix or none analysed.")
        svg.text(PlotArea.truncate(RunLabel.text(run), 60), x: plot.left, y: 16, cssClass: "lbl ttl")
        var rows: [[String]] = []
        for (rowIndex, module) in modules.enumerated() {
            let y = plot.top + Double(rowIndex) * rowHeight
            svg.text(rowLabels[rowIndex], x: plot.left - 6, y: y + rowHeight / 2 + 4, anchor: "end")
            for (columnIndex, layer) in layers.enumerated() {
                let x = plot.left + Double(columnIndex) * cell
                guard let comparison = cells[module]?[layer] else {
                    svg.rect(x: x + 1, y: y + 1, width: cell - 2, height: rowHeight - 2, cssClass: "na")
                    continue
                }
                let layerText = layer < 0 ? "none" : String(layer)
                if let rank = comparison.effectiveRank {
                    svg.rect(x: x + 0.5, y: y + 0.5, width: cell - 1, height: rowHeight - 1, fill: scale.color(rank),
                             tooltip: "\(comparison.name): effective rank \(NumberFormat.fixed(rank, 2))")
                    if cell >= 30 {
                        svg.text(NumberFormat.fixed(rank, rank < 10 ? 1 : 0), x: x + cell / 2, y: y + rowHeight / 2 + 3.5,
                                 anchor: "middle", cssClass: nil,
                                 fill: scale.prefersDarkText(rank) ? "#000000" : "#ffffff", size: 9)
                    }
                } else {
                    svg.rect(x: x + 1, y: y + 1, width: cell - 2, height: rowHeight - 2, cssClass: "na",
                             tooltip: "\(comparison.name): unchanged")
                }
                rows.append([module, layerText, comparison.name,
                             NumberFormat.optional(comparison.effectiveRank) { NumberFormat.fixed($0, 4) },
                             String(comparison.intruders), comparison.changed ? "1" : "0"])
            }
        }
        let columnStep = max(1, Int((24 / cell).rounded(.up)))
        for (columnIndex, layer) in layers.enumerated() where columnIndex % columnStep == 0 {
            svg.text(layer < 0 ? "–" : String(layer), x: plot.left + (Double(columnIndex) + 0.5) * cell,
                     y: plot.bottom + 14, anchor: "middle")
        }
        svg.text("layer", x: plot.left + plot.width / 2, y: plot.bottom + 32, anchor: "middle", cssClass: "lbl ttl")
        let barTicks = LinearScale(domain: (0, scale.upper), range: (0, 1)).ticks(count: 4)
        ColorBar(scale: scale, ticks: barTicks, label: { NumberFormat.fixed($0, $0 == $0.rounded() ? 0 : 1) },
                 title: "eff. rank")
            .draw(into: &svg, x: plot.right + 20, y: plot.top + 4, width: 12, height: max(60, min(plot.height - 4, 200)))
        return Chart(
            path: path,
            caption: "Effective rank of ΔW by layer (columns) and module (rows) for run \(run.id); grey: unchanged.",
            svg: svg,
            csv: CSVTable(header: ["module", "layer", "matrix", "effective_rank", "intruders", "changed"], rows: rows))
    }
}
