import SpeclensDataset

/// Mean effective rank of ΔW per run as horizontal bars; for LoRA runs the adapter rank r is
/// marked, since a LoRA update's effective rank cannot exceed r (not for a stack's steps, whose
/// update sums several adapters: their record holds the last adapter's r only); runs near storage
/// resolution carry `StorageCaveat.mark` after their value.
enum EffectiveRankBarChart {
    /// The gallery kind of these charts.
    static let kind = FigureKind.effectiveRank

    static func make(dataset: SpectralDataset, path: SitePath) -> Chart {
        let runs = dataset.runs
        let labels = runs.map { PlotArea.truncate(RunLabel.text($0), 36) }
        let labelWidth = labels.map { PlotArea.textWidth($0) }.max() ?? 40
        var maxValue = 1.0
        func rank(_ run: FineTuneRun) -> Int? { run.stack == nil ? run.lora?.r : nil }
        for run in runs {
            maxValue = max(maxValue, run.summary.meanEffectiveRank ?? 0, Double(rank(run) ?? 0))
        }
        let width = 680.0
        let band = 26.0
        let plot = PlotArea(
            x: labelWidth + 24, y: 34, width: width - labelWidth - 24 - 70,
            height: band * Double(max(runs.count, 1)))
        let height = plot.bottom + 48
        var svg = SVGBuilder(
            width: width, height: height, title: "Mean effective rank of the update ΔW per run",
            description: "Roy–Vetterli effective rank of ΔW = Wt − W0 averaged over changed matrices, "
                + "one bar per fine-tune; LoRA runs show their adapter rank r as a dashed mark.")
        let x = LinearScale(domain: (0, maxValue * 1.05), range: (plot.left, plot.right)).niced(count: 6)
        ChartAxis(
            edge: .bottom, ticks: x.ticks(count: 6), position: { x($0) },
            label: { x.tickLabel($0, count: 6) },
            title: "mean effective rank of ΔW (dimensions)"
        ).draw(into: &svg, plot: plot)
        let flagged = runs.map { $0.summary.nearStorageResolution == true }
        ChartLegend(entries: [
            .init(label: "mean effective rank", sample: .swatch(color: CategoricalPalette.ordinary)),
            .init(label: "LoRA rank r", sample: .line(color: CategoricalPalette.intruder, dash: "3 2", marker: nil)),
        ]).draw(into: &svg, x: plot.left, y: 8, width: plot.width)
        if flagged.contains(true) {
            svg.text(
                "\(StorageCaveat.mark) near storage resolution", x: plot.right, y: 17, anchor: "end",
                classes: [.lbl, .sub])
        }
        var rows: [[String]] = []
        for (index, run) in runs.enumerated() {
            let top = plot.top + Double(index) * band
            svg.text(labels[index], x: plot.left - 8, y: top + band / 2 + 4, anchor: "end")
            let value = run.summary.meanEffectiveRank
            if let value {
                svg.rect(
                    x: plot.left, y: top + 4, width: x(value) - plot.left, height: band - 8,
                    fill: CategoricalPalette.ordinary, tooltip: "\(run.displayLabel): \(NumberFormat.fixed(value, 2))")
                let labelX = max(x(value), rank(run).map { x(Double($0)) } ?? 0) + 5
                svg.text(
                    NumberFormat.fixed(value, 1) + (flagged[index] ? " \(StorageCaveat.mark)" : ""), x: labelX,
                    y: top + band / 2 + 4)
            } else {
                svg.text("no changed matrix", x: plot.left + 4, y: top + band / 2 + 4, classes: [.lbl, .sub])
            }
            if let r = rank(run) {
                svg.line(
                    x1: x(Double(r)), y1: top + 1, x2: x(Double(r)), y2: top + band - 1,
                    stroke: CategoricalPalette.intruder, width: 2, dash: "3 2")
            }
            rows.append([
                run.id.rawValue, run.displayLabel, run.kind.rawValue, run.lora.map { String($0.r) } ?? "",
                NumberFormat.optional(value) { NumberFormat.fixed($0, 4) },
                String(run.summary.analysedMatrices - run.summary.unchangedMatrices),
                run.summary.nearStorageResolutionMatrices.map(String.init) ?? "", flagged[index] ? "1" : "0",
            ])
        }
        return Chart(
            kind: kind, path: path,
            caption: "Mean effective rank of ΔW over changed matrices (dashed mark: LoRA rank r)."
                + (flagged.contains(true)
                    ? " \(StorageCaveat.mark): the run is near storage resolution, its effective ranks depend on the rounding floor of its storage format."
                    : ""),
            svg: svg,
            csv: CSVTable(
                header: [
                    "run", "label", "kind", "lora_r", "mean_effective_rank", "changed_matrices",
                    "near_storage_resolution_matrices", "near_storage_resolution",
                ], rows: rows))
    }
}
