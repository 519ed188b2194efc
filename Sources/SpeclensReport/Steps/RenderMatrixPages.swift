import SpeclensDataset

/// Renders the detail of each base matrix that the layout details (`matrices/<slug>.html`, from
/// `matrix.md`) with, for each run, the similarity heat map, the max-|cos| bars, the spectra and
/// the numbers.
struct RenderMatrixPages: SiteStep {
    let name = "Render matrix pages"

    func run(in context: inout SiteContext) throws {
        let dataset = context.dataset
        let epsilon = context.reading.epsilon
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
                guard let comparison = context.index.comparison(run: runIndex, matrix: base.name) else {
                    runs.append(.init(id: run.id.rawValue, kindLabel: RunLabel.text(run), label: run.displayLabel, anchor: anchor,
                                      swatch: swatch, analysis: nil))
                    continue
                }
                let runSlug = context.runSlugs[runIndex]
                var similarity = HTMLText.empty
                if !comparison.similarity.isEmpty {
                    let chart = SimilarityHeatmapChart.make(base: base, comparison: comparison, run: run, epsilon: epsilon,
                                                            path: .matrixChart(slug: slug, runSlug + "-similarity"))
                    similarity = try context.add(chart: chart, on: page, group: base.name)
                    if layout.showsSideBySide {
                        tiles.append(.init(label: run.displayLabel, anchor: anchor, swatch: swatch, image: Self.tile(chart, on: page, layout: layout)))
                    }
                }
                let maxCosine = comparison.maxCosineTopK.isEmpty ? .empty : try context.add(
                    chart: MaxCosineChart.make(base: base, comparison: comparison, run: run, epsilon: epsilon,
                                               path: .matrixChart(slug: slug, runSlug + "-max-cosine"), controlsComputed: dataset.parameters.nullControls),
                    on: page, group: base.name)
                let spectrum = try context.add(
                    chart: SpectrumChart.make(base: base, comparison: comparison, run: run, path: .matrixChart(slug: slug, runSlug + "-spectrum"),
                                              pointLimit: context.options.spectrumPointLimit),
                    on: page, group: base.name)
                let numbers = Self.numbers(base: base, comparison: comparison, run: run, epsilon: epsilon,
                                           analysisEpsilon: context.reading.analysisEpsilon)
                runs.append(.init(id: run.id.rawValue, kindLabel: RunLabel.text(run), label: run.displayLabel, anchor: anchor,
                                  swatch: swatch, analysis: .init(
                    tunedName: comparison.tunedName, matchedBy: comparison.matchedBy.description, changed: comparison.changed,
                    numbers: numbers,
                    epsilonGrid: Self.epsilonGridText(comparison, grid: dataset.parameters.epsilonGrid),
                    intruderList: comparison.intruderIndices.sorted().map(String.init).joined(separator: ", "),
                    spanList: Self.spanList(comparison, epsilon: epsilon),
                    storageCaveat: comparison.changed && StorageCaveat.isFlagged(comparison)
                        ? StorageCaveat.matrixSentence(base: base, comparison: comparison) : "",
                    similarityFigure: similarity, maxCosineFigure: maxCosine, spectrumFigure: spectrum)))
            }
            let bucketsFigure = try GroupPageSupport.spectrumChart(
                context, bases: [base], scope: "this matrix", path: .matrixChart(slug: slug, "intruders-across-spectrum")
            ).map { try context.add(chart: $0, on: page, group: base.name) } ?? .empty
            func neighbour(_ other: Int) -> (name: String, href: String)? {
                layout.neighbourMatrixHref(other, in: context).map { (matrices[other].name, $0) }
            }
            let model = MatrixModel(
                name: base.name,
                shape: base.shape.map(String.init).joined(separator: " × "),
                layer: base.layer.map(String.init) ?? "none", module: base.module,
                orientation: MatrixModel.orientationText(base.orientation),
                note: base.note,
                moduleHref: context.moduleIndex(base.module).flatMap { layout.modulePageHref($0, from: page, in: context) },
                layerHref: base.layer.flatMap { layout.layerPageHref($0, from: page, in: context) },
                hasNav: layout.overviewHref(from: page) != nil,
                bucketsFigure: bucketsFigure,
                bucketText: GroupPageSupport.bucketText(max(dataset.parameters.spectrumBuckets, 10)),
                side: base.singularVectors == .left ? "left (output space)" : "right (input space)",
                vectorDimension: String(base.vectorDimension), topK: String(base.topK),
                similarityTopN: String(base.similarityTopN),
                baseline: RandomBaseline(base).valueText, baselineMethod: RandomBaseline(base).methodText,
                vectorCount: String(RandomBaseline.vectors(base)), dtype: base.dtype?.rawValue,
                spanText: base.vectorDimension > RandomBaseline.vectors(base) ? SpanCategory.matrixSentence(base) : nil,
                controlsText: NullControlText.matrixSentence(
                    dataset, base: base, comparisons: dataset.runs.indices.compactMap { context.index.comparison(run: $0, matrix: base.name) }),
                frobeniusNorm: NumberFormat.significant(base.frobeniusNorm, 4),
                epsilon: epsilonText, runs: runs, similarityGrid: tiles,
                previous: index > 0 ? neighbour(index - 1) : nil,
                next: index + 1 < matrices.count ? neighbour(index + 1) : nil)
            try context.addPage(template: "matrix.md", model: model, title: base.name, at: page)
        }
    }

    /// A similarity heat map as a grid tile: an `<img>` of its standalone SVG file when the layout
    /// writes chart files (the page stays small), else the inline SVG again.
    static func tile(_ chart: Chart, on page: SitePath, layout: any ReportLayout) -> HTMLText {
        guard layout.writesChartFiles else { return HTMLText(inlineSVG: chart.svg.render(standalone: false)) }
        return "<img src=\"\(page.link(to: chart.path.adding(extension: "svg")))\" alt=\"\(chart.svg.title)\" loading=\"lazy\" width=\"\(Int(chart.svg.width.rounded()))\" height=\"\(Int(chart.svg.height.rounded()))\">"
    }

    /// The rows of a run's numbers table for `comparison` of `base`, counted at the ε in force
    /// `epsilon`; the intruders' energy share holds at `analysisEpsilon` only (the dataset keeps
    /// the share, not each vector's part of it), which its label names when the two differ.
    static func numbers(base: BaseMatrixRecord, comparison: MatrixComparison, run: FineTuneRun, epsilon: Double,
                        analysisEpsilon: Double? = nil) -> [MatrixModel.Number] {
        let epsilonText = NumberFormat.epsilon(epsilon)
        var numbers: [MatrixModel.Number] = [
            .init(label: "intruders at ε = \(epsilonText) (top \(base.topK))", value: "\(comparison.intruders)"),
        ]
        if comparison.spanFractionTopK != nil {
            numbers.append(.init(label: HTMLText(escaping: "of them outside the pre-trained span (f² < 1/2)"),
                                 value: "\(comparison.intrudersOutsideSpan(epsilon: epsilon))"))
        }
        for control in NullControlStyle.kinds.compactMap({ kind in comparison.nullControls?.first { $0.kind == kind } }) {
            numbers.append(.init(
                label: "\(NullControlStyle.name(control.kind)) (rank \(control.rank)): intruders at ε = \(epsilonText)",
                value: "\(control.intruders(atEpsilon: epsilon))"))
        }
        let baseline = RandomBaseline(base)
        let rank = HTMLText(escaping: NumberFormat.optional(comparison.effectiveRank) { NumberFormat.fixed($0, 2) })
        numbers += [
            .init(label: "random-direction baseline (\(baseline.shapeText))", value: HTMLText(escaping: baseline.valueText)),
            .init(label: "effective rank of ΔW",
                  value: comparison.changed && StorageCaveat.isFlagged(comparison) ? rank + GroupPageSupport.markedRank : rank),
            .init(label: "numerical rank of ΔW", value: "\(comparison.numericalRank)"),
            .init(label: "stable rank of ΔW", value: "\(NumberFormat.optional(comparison.stableRank) { NumberFormat.fixed($0, 2) })"),
            .init(label: "‖ΔW‖_F", value: "\(NumberFormat.significant(comparison.frobeniusDelta, 4))"),
            .init(label: "‖ΔW‖_2", value: "\(NumberFormat.significant(comparison.spectralNormDelta, 4))"),
            .init(label: "relative change ‖ΔW‖_F / ‖W0‖_F",
                  value: "\(NumberFormat.optional(comparison.relativeChange) { NumberFormat.significant($0, 4) })"),
            .init(label: "effective-rank cutoff σ", value: "\(NumberFormat.significant(comparison.effectiveRankCutoff, 3))"),
        ]
        if let floor = comparison.roundingNoiseFloor {
            numbers.append(.init(label: "rounding floor of the storage formats", value: "\(NumberFormat.significant(floor, 3))"))
        }
        numbers.append(.init(label: "storage format of W0 / Wt", value: HTMLText(escaping: storageFormats(base: base, comparison: comparison, run: run))))
        if comparison.changed, let share = comparison.intruderEnergyShare {
            let at = analysisEpsilon.flatMap { $0 == epsilon ? nil : " (intruders at the analysis ε = \(NumberFormat.epsilon($0)))" } ?? ""
            numbers.append(.init(label: HTMLText(escaping: "intruders' share of ‖ΔW‖²_F" + at), value: "\(NumberFormat.fixed(share, 3))"))
        }
        if let lowRank = comparison.lowRankMeasures {
            func mean(_ values: [Float]) -> String {
                values.isEmpty ? "–" : NumberFormat.fixed(values.reduce(0.0) { $0 + Double($1) } / Double(values.count), 3)
            }
            numbers += [
                .init(label: "A rows vs W0's top-\(lowRank.rank) right vectors (mean cos of principal angles)", value: HTMLText(escaping: mean(lowRank.aRowSpaceCosines))),
                .init(label: "B columns vs W0's top-\(lowRank.rank) left vectors (mean cos of principal angles)", value: HTMLText(escaping: mean(lowRank.bColumnSpaceCosines))),
                .init(label: "subspace similarity of ΔW's and W0's top-\(lowRank.rank) left spaces", value: "\(NumberFormat.fixed(lowRank.subspaceSimilarity, 3))"),
                .init(label: "amplification ‖ΔW‖_F / ‖U_rᵀ W0 V_r‖_F", value: HTMLText(escaping: NumberFormat.optional(lowRank.amplification) { NumberFormat.significant($0, 3) })),
            ]
        }
        return numbers + PreviousStepText.numbers(run, matrix: comparison.name, topK: base.topK, epsilon: epsilon)
    }

    /// The matrix's intruders at each ε of the analysis grid, in numeric order (`0.05: 0, 0.10: 1,
    /// …`); ε's the comparison has no count for are left out, and `–` stands for none.
    static func epsilonGridText(_ comparison: MatrixComparison, grid: [Double]) -> String {
        let counts = grid.sorted().compactMap { epsilon -> String? in
            let key = EpsilonKey.string(epsilon)
            return comparison.intrudersByEpsilon[key].map { "\(key): \($0)" }
        }
        return counts.isEmpty ? "–" : counts.joined(separator: ", ")
    }

    /// `F32 / BF16`; for an exact LoRA update (no stored Wt) or an unchanged matrix, in words.
    static func storageFormats(base: BaseMatrixRecord, comparison: MatrixComparison, run: FineTuneRun) -> String {
        let w0 = base.dtype?.rawValue ?? "not recorded"
        if let tuned = comparison.tunedDtype { return "\(w0) / \(tuned.rawValue)" }
        if !comparison.changed { return "\(w0) / unchanged" }
        return run.kind == .lora ? "\(w0) / none: the exact update s·B·A from the adapter's factors" : "\(w0) / not recorded"
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
        if !intruders.isEmpty { parts.append("Intruders outside the pre-trained span (f² < 1/2): ranks \(ranks(intruders)).") }
        if !others.isEmpty {
            parts.append("Top-k vectors that leave the span without being intruders at ε = \(NumberFormat.epsilon(epsilon)): ranks \(ranks(others)).")
        }
        return parts.joined(separator: " ")
    }
}
