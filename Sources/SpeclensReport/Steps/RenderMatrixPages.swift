import SpeclensDataset

/// Renders one page per base matrix (`matrices/<slug>.html`, from `matrix.md`) with, for each
/// run, the similarity heat map, the max-|cos| bars, the spectra and the numbers.
struct RenderMatrixPages: SiteStep {
    let name = "Render matrix pages"

    func run(in context: inout SiteContext) throws {
        let dataset = context.dataset
        let epsilon = dataset.parameters.epsilon
        let epsilonText = NumberFormat.epsilon(epsilon)
        let matrices = dataset.base.matrices
        for (index, base) in matrices.enumerated() where context.detailMatrices.contains(index) {
            let slug = context.matrixSlugs[index]
            var runs: [MatrixModel.Run] = []
            for (runIndex, run) in dataset.runs.enumerated() {
                let kindLabel = RunLabel.text(run)
                guard let comparison = context.comparisons[run: runIndex][base.name] else {
                    runs.append(.init(id: run.id.rawValue, kindLabel: kindLabel, analysed: false, tunedName: "", matchedBy: "",
                                      changed: false, numbers: [], epsilonGrid: "", intruderList: "", hasIntruders: false,
                                      similarityFigure: "", maxCosineFigure: "", spectrumFigure: ""))
                    continue
                }
                let stem = "charts/matrices/\(slug)/\(context.runSlugs[runIndex])"
                let similarity = comparison.similarity.isEmpty ? "" : try context.add(
                    chart: SimilarityHeatmapChart.make(base: base, comparison: comparison, run: run, epsilon: epsilon,
                                                       path: stem + "-similarity"), root: "../", group: base.name, page: context.matrixPage(index))
                let maxCosine = comparison.maxCosineTopK.isEmpty ? "" : try context.add(
                    chart: MaxCosineChart.make(base: base, comparison: comparison, run: run, epsilon: epsilon,
                                               path: stem + "-max-cosine"), root: "../", group: base.name, page: context.matrixPage(index))
                let spectrum = try context.add(
                    chart: SpectrumChart.make(base: base, comparison: comparison, run: run, path: stem + "-spectrum",
                                              pointLimit: context.options.spectrumPointLimit),
                    root: "../", group: base.name, page: context.matrixPage(index))
                let grid = comparison.intrudersByEpsilon.keys.sorted()
                let numbers: [MatrixModel.Number] = [
                    .init(label: "intruders at ε = \(epsilonText) (top \(base.topK))", value: String(comparison.intruders)),
                    .init(label: "random-direction baseline √(2 ln n / n), n = \(base.vectorDimension)", value: NumberFormat.fixed(base.randomBaselineMaxCosine, 3)),
                    .init(label: "effective rank of ΔW", value: NumberFormat.optional(comparison.effectiveRank) { NumberFormat.fixed($0, 2) }),
                    .init(label: "numerical rank of ΔW", value: String(comparison.numericalRank)),
                    .init(label: "stable rank of ΔW", value: NumberFormat.optional(comparison.stableRank) { NumberFormat.fixed($0, 2) }),
                    .init(label: "‖ΔW‖_F", value: NumberFormat.significant(comparison.frobeniusDelta, 4)),
                    .init(label: "‖ΔW‖_2", value: NumberFormat.significant(comparison.spectralNormDelta, 4)),
                    .init(label: "relative change ‖ΔW‖_F / ‖W0‖_F", value: NumberFormat.optional(comparison.relativeChange) { NumberFormat.significant($0, 4) }),
                    .init(label: "effective-rank cutoff σ", value: NumberFormat.significant(comparison.effectiveRankCutoff, 3)),
                ]
                runs.append(.init(
                    id: run.id.rawValue, kindLabel: kindLabel, analysed: true, tunedName: comparison.tunedName,
                    matchedBy: comparison.matchedBy.description, changed: comparison.changed, numbers: numbers,
                    epsilonGrid: grid.isEmpty ? "–"
                        : grid.map { "\($0): \(comparison.intrudersByEpsilon[$0]!)" }.joined(separator: ", "),
                    intruderList: comparison.intruderIndices.sorted().map(String.init).joined(separator: ", "),
                    hasIntruders: !comparison.intruderIndices.isEmpty,
                    similarityFigure: similarity, maxCosineFigure: maxCosine, spectrumFigure: spectrum))
            }
            let previous = index > 0 && !context.singleFile ? index - 1 : nil
            let next = index + 1 < matrices.count && !context.singleFile ? index + 1 : nil
            let bucketsFigure = try GroupPageSupport.spectrumChart(
                context, bases: [base], scope: "this matrix", path: "charts/matrices/\(slug)/intruders-across-spectrum"
            ).map { try context.add(chart: $0, root: "../", group: base.name, page: context.matrixPage(index)) } ?? ""
            let moduleIndex = context.singleFile ? nil : context.moduleIndex(base.module)
            let layerHref = context.singleFile ? nil : base.layer.map { "../" + context.layerPage($0) }
            let model = MatrixModel(
                name: base.name, nameHTML: TextEscaping.html(base.name),
                shape: base.shape.map(String.init).joined(separator: " × "),
                layer: base.layer.map(String.init) ?? "none", module: base.module,
                orientation: MatrixModel.orientationText(base.orientation),
                note: base.note ?? "", hasNote: base.note != nil,
                moduleHref: moduleIndex.map { "../" + context.modulePage($0) } ?? "", hasModuleHref: moduleIndex != nil,
                layerHref: layerHref ?? "", hasLayerHref: layerHref != nil, hasNav: !context.singleFile,
                bucketsFigure: bucketsFigure, hasBuckets: !bucketsFigure.isEmpty,
                bucketText: GroupPageSupport.bucketText(max(dataset.parameters.spectrumBuckets, 10)),
                side: base.singularVectors == .left ? "left (output space)" : "right (input space)",
                vectorDimension: String(base.vectorDimension), topK: String(base.topK),
                similarityTopN: String(base.similarityTopN),
                baseline: NumberFormat.fixed(base.randomBaselineMaxCosine, 3),
                frobeniusNorm: NumberFormat.significant(base.frobeniusNorm, 4),
                epsilon: epsilonText, runs: runs, hasRuns: !runs.isEmpty,
                previousHref: previous.map { "\(context.matrixSlugs[$0]).html" } ?? "",
                previousName: previous.map { matrices[$0].name } ?? "", hasPrevious: previous != nil,
                nextHref: next.map { "\(context.matrixSlugs[$0]).html" } ?? "",
                nextName: next.map { matrices[$0].name } ?? "", hasNext: next != nil)
            let page = try context.page(template: "matrix.md", model: model, title: base.name, root: "../",
                                        path: context.matrixPage(index))
            try context.add(context.matrixPage(index), text: page)
        }
    }
}
