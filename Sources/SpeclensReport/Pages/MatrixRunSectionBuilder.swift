import SpeclensDataset

/// Makes a run's section of a matrix page: its charts (added to the report), numbers, ε grid,
/// intruder and span lists; and its tile in the grid of similarity heat maps.
struct MatrixRunSectionBuilder {
    /// The matrix (an index into `dataset.base.matrices`) and the run (an index into `dataset.runs`).
    let matrix: Int
    let run: Int

    /// The section, and the run's tile when its heat map joins the grid.
    func make(in context: inout SiteContext) throws -> (section: MatrixModel.Run, tile: MatrixModel.Tile?) {
        let base = context.dataset.base.matrices[matrix]
        let run = context.dataset.runs[self.run]
        let anchor = context.layout.runAnchor(matrix: matrix, run: self.run, in: context)
        let swatch = RunSwatch.html(context.reading.runStyles[self.run])
        guard let comparison = context.index.comparison(run: self.run, matrix: base.name) else {
            return (
                .init(
                    id: run.id.rawValue, kindLabel: RunLabel.text(run), label: run.displayLabel, anchor: anchor,
                    swatch: swatch, analysis: nil), nil
            )
        }
        let page = context.matrixPage(matrix)
        let epsilon = context.reading.epsilon
        var similarity = HTMLText.empty
        var tile: MatrixModel.Tile?
        if !comparison.similarity.isEmpty {
            let chart = SimilarityHeatmapChart.make(
                base: base, comparison: comparison, run: run, epsilon: epsilon, path: chartPath("similarity", context))
            similarity = try context.add(chart: chart, on: page, group: base.name)
            if context.layout.showsSideBySide {
                tile = .init(
                    label: run.displayLabel, anchor: anchor, swatch: swatch,
                    image: Self.tile(chart, on: page, layout: context.layout))
            }
        }
        let maxCosine =
            comparison.maxCosineTopK.isEmpty
            ? .empty
            : try context.add(
                chart: MaxCosineChart.make(
                    base: base, comparison: comparison, run: run, epsilon: epsilon,
                    path: chartPath("max-cosine", context), controlsComputed: context.dataset.parameters.nullControls),
                on: page, group: base.name)
        let spectrum = try context.add(
            chart: SpectrumChart.make(
                base: base, comparison: comparison, run: run, path: chartPath("spectrum", context),
                pointLimit: context.options.spectrumPointLimit),
            on: page, group: base.name)
        let analysis = MatrixModel.Analysis(
            tunedName: comparison.tunedName, matchedBy: comparison.matchedBy.description, changed: comparison.changed,
            numbers: MatrixNumbersBuilder.rows(
                base: base, comparison: comparison, run: run, epsilon: epsilon,
                parameters: context.dataset.parameters),
            epsilonGrid: Self.epsilonGridText(comparison, grid: context.dataset.parameters.epsilonGrid),
            intruderList: comparison.intruderIndices.sorted().map(String.init).joined(separator: ", "),
            spanList: Self.spanList(comparison, epsilon: epsilon),
            storageCaveat: comparison.changed && StorageCaveat.isFlagged(comparison)
                ? StorageCaveat.matrixSentence(base: base, comparison: comparison) : "",
            similarityFigure: similarity, maxCosineFigure: maxCosine, spectrumFigure: spectrum)
        return (
            .init(
                id: run.id.rawValue, kindLabel: RunLabel.text(run), label: run.displayLabel, anchor: anchor,
                swatch: swatch, analysis: analysis), tile
        )
    }

    /// Where the run's chart showing `what` goes (`<run slug>-<what>` in the matrix's folder).
    func chartPath(_ what: String, _ context: SiteContext) -> SitePath {
        .matrixChart(slug: context.matrixSlugs[matrix], "\(context.runSlugs[run])-\(what)")
    }

    /// A similarity heat map as a grid tile: an `<img>` of its standalone SVG file when the layout
    /// writes chart files (the page stays small), else the inline SVG again.
    static func tile(_ chart: Chart, on page: SitePath, layout: any ReportLayout) -> HTMLText {
        guard layout.writesChartFiles else { return HTMLText(inlineSVG: chart.svg.render(standalone: false)) }
        return
            "<img src=\"\(page.link(to: chart.path.adding(extension: "svg")))\" alt=\"\(chart.svg.title)\" loading=\"lazy\" width=\"\(Int(chart.svg.width.rounded()))\" height=\"\(Int(chart.svg.height.rounded()))\">"
    }

    /// The matrix's intruders at each ε of the analysis grid, in numeric order (`0.05: 0, 0.10: 1,
    /// …`); ε's the comparison has no count for are left out, and `–` stands for none.
    static func epsilonGridText(_ comparison: MatrixComparison, grid: [Double]) -> String {
        let counts = grid.sorted().compactMap { epsilon -> String? in
            let key = EpsilonKey.string(epsilon)
            return comparison.intrudersByEpsilon[epsilon].map { "\(key): \($0)" }
        }
        return counts.isEmpty ? "–" : counts.joined(separator: ", ")
    }

    /// Which top-k vectors leave the pre-trained span (plain text): intruders first, then the
    /// others; empty when the matrix records no span fractions.
    static func spanList(_ comparison: MatrixComparison, epsilon: Double) -> String {
        guard let fractions = comparison.spanFractionTopK else { return "" }
        let leaving = SpanCategory.leavingRanks(comparison)
        guard !leaving.isEmpty else { return "No top-k vector leaves the pre-trained span." }
        func ranks(_ list: [Int]) -> String {
            list.map { "\($0) (f = \(NumberFormat.fixed(Double(fractions[$0]), 3)))" }.joined(separator: ", ")
        }
        let intruders = leaving.filter { Double(comparison.maxCosineTopK[$0]) < epsilon }
        let others = leaving.filter { Double(comparison.maxCosineTopK[$0]) >= epsilon }
        var parts: [String] = []
        if !intruders.isEmpty {
            parts.append("Intruders outside the pre-trained span (f² < 1/2): ranks \(ranks(intruders)).")
        }
        if !others.isEmpty {
            parts.append(
                "Top-k vectors that leave the span without being intruders at ε = \(NumberFormat.epsilon(epsilon)): ranks \(ranks(others))."
            )
        }
        return parts.joined(separator: " ")
    }
}
