import SpeclensDataset

/// Renders the detail of each base matrix that the layout details (`matrices/<slug>.html`, from
/// `matrix.md`) with, for each run, the similarity heat map, the max-|cos| bars, the spectra and
/// the numbers.
struct RenderMatrixPages: SiteStep {
    let name = "Render matrix pages"

    func run(in context: inout SiteContext) throws {
        let dataset = context.dataset
        let epsilon = dataset.parameters.epsilon
        let epsilonText = NumberFormat.epsilon(epsilon)
        let layout = context.layout
        let matrices = dataset.base.matrices
        for (index, base) in matrices.enumerated() where layout.hasDetail(index) {
            let slug = context.matrixSlugs[index]
            let page = context.matrixPage(index)
            var runs: [MatrixModel.Run] = []
            var tiles: [MatrixModel.Tile] = []
            for (runIndex, run) in dataset.runs.enumerated() {
                let anchor = layout.runAnchor(matrix: index, run: runIndex, in: context)
                let swatch = RunSwatch.html(context.reading.runStyles[runIndex])
                guard let comparison = context.comparisons[run: runIndex][base.name] else {
                    runs.append(.init(id: run.id.rawValue, kindLabel: RunLabel.text(run), label: run.displayLabel, anchor: anchor,
                                      swatch: swatch, analysis: nil))
                    continue
                }
                let stem = "charts/matrices/\(slug)/\(context.runSlugs[runIndex])"
                var similarity = HTMLText.empty
                if !comparison.similarity.isEmpty {
                    let chart = SimilarityHeatmapChart.make(base: base, comparison: comparison, run: run, epsilon: epsilon,
                                                            path: stem + "-similarity")
                    similarity = try context.add(chart: chart, root: "../", group: base.name, page: page)
                    if layout.showsSideBySide {
                        tiles.append(.init(label: run.displayLabel, anchor: anchor, swatch: swatch, image: Self.tile(chart, layout: layout)))
                    }
                }
                let maxCosine = comparison.maxCosineTopK.isEmpty ? .empty : try context.add(
                    chart: MaxCosineChart.make(base: base, comparison: comparison, run: run, epsilon: epsilon,
                                               path: stem + "-max-cosine"), root: "../", group: base.name, page: page)
                let spectrum = try context.add(
                    chart: SpectrumChart.make(base: base, comparison: comparison, run: run, path: stem + "-spectrum",
                                              pointLimit: context.options.spectrumPointLimit),
                    root: "../", group: base.name, page: page)
                let grid = comparison.intrudersByEpsilon.keys.sorted()
                let numbers: [MatrixModel.Number] = [
                    .init(label: "intruders at ε = \(epsilonText) (top \(base.topK))", value: "\(comparison.intruders)"),
                    .init(label: "random-direction baseline √(2 ln n / n), n = \(base.vectorDimension)",
                          value: "\(NumberFormat.fixed(base.randomBaselineMaxCosine, 3))"),
                    .init(label: "effective rank of ΔW", value: "\(NumberFormat.optional(comparison.effectiveRank) { NumberFormat.fixed($0, 2) })"),
                    .init(label: "numerical rank of ΔW", value: "\(comparison.numericalRank)"),
                    .init(label: "stable rank of ΔW", value: "\(NumberFormat.optional(comparison.stableRank) { NumberFormat.fixed($0, 2) })"),
                    .init(label: "‖ΔW‖_F", value: "\(NumberFormat.significant(comparison.frobeniusDelta, 4))"),
                    .init(label: "‖ΔW‖_2", value: "\(NumberFormat.significant(comparison.spectralNormDelta, 4))"),
                    .init(label: "relative change ‖ΔW‖_F / ‖W0‖_F",
                          value: "\(NumberFormat.optional(comparison.relativeChange) { NumberFormat.significant($0, 4) })"),
                    .init(label: "effective-rank cutoff σ", value: "\(NumberFormat.significant(comparison.effectiveRankCutoff, 3))"),
                ]
                runs.append(.init(id: run.id.rawValue, kindLabel: RunLabel.text(run), label: run.displayLabel, anchor: anchor,
                                  swatch: swatch, analysis: .init(
                    tunedName: comparison.tunedName, matchedBy: comparison.matchedBy.description, changed: comparison.changed,
                    numbers: numbers,
                    epsilonGrid: grid.isEmpty ? "–"
                        : grid.map { "\($0): \(comparison.intrudersByEpsilon[$0]!)" }.joined(separator: ", "),
                    intruderList: comparison.intruderIndices.sorted().map(String.init).joined(separator: ", "),
                    similarityFigure: similarity, maxCosineFigure: maxCosine, spectrumFigure: spectrum)))
            }
            let bucketsFigure = try GroupPageSupport.spectrumChart(
                context, bases: [base], scope: "this matrix", path: "charts/matrices/\(slug)/intruders-across-spectrum"
            ).map { try context.add(chart: $0, root: "../", group: base.name, page: page) } ?? .empty
            func neighbour(_ other: Int) -> (name: String, href: String)? {
                layout.neighbourMatrixHref(other, in: context).map { (matrices[other].name, $0) }
            }
            let model = MatrixModel(
                name: base.name,
                shape: base.shape.map(String.init).joined(separator: " × "),
                layer: base.layer.map(String.init) ?? "none", module: base.module,
                orientation: MatrixModel.orientationText(base.orientation),
                note: base.note,
                moduleHref: context.moduleIndex(base.module).flatMap { layout.modulePageHref($0, root: "../", in: context) },
                layerHref: base.layer.flatMap { layout.layerPageHref($0, root: "../", in: context) },
                hasNav: layout.overviewHref(root: "../") != nil,
                bucketsFigure: bucketsFigure,
                bucketText: GroupPageSupport.bucketText(max(dataset.parameters.spectrumBuckets, 10)),
                side: base.singularVectors == .left ? "left (output space)" : "right (input space)",
                vectorDimension: String(base.vectorDimension), topK: String(base.topK),
                similarityTopN: String(base.similarityTopN),
                baseline: NumberFormat.fixed(base.randomBaselineMaxCosine, 3),
                frobeniusNorm: NumberFormat.significant(base.frobeniusNorm, 4),
                epsilon: epsilonText, runs: runs, similarityGrid: tiles,
                previous: index > 0 ? neighbour(index - 1) : nil,
                next: index + 1 < matrices.count ? neighbour(index + 1) : nil)
            try context.addPage(template: "matrix.md", model: model, title: base.name, root: "../", path: page)
        }
    }

    /// A similarity heat map as a grid tile: an `<img>` of its standalone SVG file when the layout
    /// writes chart files (the page stays small), else the inline SVG again.
    static func tile(_ chart: Chart, layout: any ReportLayout) -> HTMLText {
        guard layout.writesChartFiles else { return HTMLText(inlineSVG: chart.svg.render(standalone: false)) }
        return "<img src=\"../\(chart.path).svg\" alt=\"\(chart.svg.title)\" loading=\"lazy\" width=\"\(Int(chart.svg.width.rounded()))\" height=\"\(Int(chart.svg.height.rounded()))\">"
    }
}
