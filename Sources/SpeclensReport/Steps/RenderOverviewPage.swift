import SpeclensDataset

/// Renders `index.html` from `overview.md`, with the overview charts.
struct RenderOverviewPage: SiteStep {
    let name = "Render overview page"

    func run(in context: inout SiteContext) throws {
        let dataset = context.dataset
        let parameters = dataset.parameters
        let html = TextEscaping.html
        let epsilonKey = EpsilonKey.string(parameters.epsilon)

        let epsilonFigure = try context.add(
            chart: EpsilonCurveChart.make(dataset: dataset, path: "charts/overview/intruders-vs-epsilon"), root: "", group: "Overview", page: "index.html")
        let rankFigure = try context.add(
            chart: EffectiveRankBarChart.make(dataset: dataset, path: "charts/overview/effective-rank-mean"), root: "", group: "Overview", page: "index.html")
        var heatmaps: [String] = []
        for (index, run) in dataset.runs.enumerated() where !run.matrices.isEmpty {
            heatmaps.append(try context.add(
                chart: LayerModuleHeatmap.make(
                    dataset: dataset, run: run,
                    upper: run.matrices.compactMap(\.effectiveRank).max() ?? 1,
                    path: "charts/overview/effective-rank-\(context.runSlugs[index])"),
                root: "", group: "Overview", page: "index.html"))
        }

        let gridText: String = {
            let grid = parameters.epsilonGrid.sorted()
            guard let first = grid.first, let last = grid.last else { return "none" }
            return "\(EpsilonKey.string(first)) … \(EpsilonKey.string(last)) (\(grid.count) values)"
        }()
        let parameterList: [OverviewModel.Parameter] = [
            .init(label: "intruder test", value: "top k = \(parameters.topK) fine-tuned singular vectors per matrix, "
                  + "intruder when max |cos| < ε = \(epsilonKey)"),
            .init(label: "ε sweep", value: gridText),
            .init(label: "singular vectors", value: parameters.singularVectors == .left
                  ? "left (columns of U, the layer's output space)" : "right (columns of V, the layer's input space)"),
            .init(label: "similarity matrix", value: "top N = \(parameters.similarityTopN) of each"),
            .init(label: "effective-rank cutoff", value: parameters.effectiveRankCutoff),
            .init(label: "precision", value: parameters.precision),
            .init(label: "include", value: parameters.include.isEmpty ? "all" : parameters.include.joined(separator: " | ")),
            .init(label: "exclude", value: parameters.exclude.isEmpty ? "none" : parameters.exclude.joined(separator: " | ")),
            .init(label: "embeddings / heads", value: "\(parameters.includeEmbeddings ? "included" : "excluded") / "
                  + (parameters.includeHeads ? "included" : "excluded")),
        ]

        let runs = dataset.runs.enumerated().map { index, run -> OverviewModel.Run in
            let lora = run.lora
            return OverviewModel.Run(
                id: run.id, idHTML: html(run.id), anchor: "run-\(context.runSlugs[index])",
                kindLabel: run.kind == .full ? "full fine-tune" : "LoRA adapter",
                path: run.path, isLora: lora != nil,
                loraR: lora.map { String($0.r) } ?? "",
                loraAlpha: lora.map { NumberFormat.compact($0.alpha) } ?? "",
                loraScale: lora.map { NumberFormat.compact($0.scale) } ?? "",
                loraRslora: lora.map { $0.useRslora ? "yes (s = α/√r)" : "no (s = α/r)" } ?? "",
                loraBase: lora?.baseModelNameOrPath ?? "", hasLoraBase: lora?.baseModelNameOrPath != nil,
                loraTargets: lora.map { $0.targetModules.sorted().joined(separator: ", ") } ?? "",
                warnings: run.warnings, hasWarnings: !run.warnings.isEmpty,
                skipped: run.skipped.map { .init(nameHTML: html($0.name), sourceHTML: html($0.source), reasonHTML: html($0.reason)) },
                skippedCount: String(run.skipped.count), hasSkipped: !run.skipped.isEmpty,
                analysed: String(run.summary.analysedMatrices),
                unchanged: String(run.summary.unchangedMatrices),
                intruders: String(run.summary.intrudersByEpsilon[epsilonKey] ?? run.summary.intruders),
                meanEffectiveRank: NumberFormat.optional(run.summary.meanEffectiveRank) { NumberFormat.fixed($0, 2) },
                matricesWithIntruders: String(run.matrices.filter { $0.intruders > 0 }.count))
        }

        // Per run: base name → comparison.
        let lookups: [[String: MatrixComparison]] = dataset.runs.map { run in
            Dictionary(run.matrices.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
        }
        let matrices = dataset.base.matrices.enumerated().map { index, base -> OverviewModel.Matrix in
            OverviewModel.Matrix(
                nameHTML: html(base.name), href: context.matrixPage(index),
                shape: base.shape.map(String.init).joined(separator: " × "),
                layer: base.layer.map(String.init) ?? "–", moduleHTML: html(base.module),
                cells: lookups.map { lookup in
                    guard let c = lookup[base.name] else {
                        return .init(intruders: "–", effectiveRank: "–", frobeniusDelta: "–", relativeChange: "–", isIntruder: false)
                    }
                    return .init(
                        intruders: String(c.intruders),
                        effectiveRank: c.changed ? NumberFormat.optional(c.effectiveRank) { NumberFormat.fixed($0, 2) } : "unchanged",
                        frobeniusDelta: NumberFormat.significant(c.frobeniusDelta, 3),
                        relativeChange: NumberFormat.optional(c.relativeChange) { NumberFormat.significant($0, 3) },
                        isIntruder: c.intruders > 0)
                })
        }

        let model = OverviewModel(
            baseName: dataset.base.name, basePath: dataset.base.path,
            matrixCount: String(dataset.base.matrices.count), runCount: String(dataset.runs.count),
            fileCount: String(dataset.base.files.count),
            baseBytes: NumberFormat.significant(Double(dataset.base.files.reduce(0) { $0 + $1.bytes }) / 1e6, 4),
            epsilon: epsilonKey, topK: String(parameters.topK), parameters: parameterList,
            runs: runs, runHeaders: dataset.runs.map { .init(idHTML: html($0.id)) },
            matrices: matrices, hasMatrices: !matrices.isEmpty,
            epsilonFigure: epsilonFigure, rankFigure: rankFigure, rankHeatmapFigures: heatmaps,
            toolVersion: dataset.tool.version)
        let page = try context.page(
            template: "overview.md", model: model, title: "Spectral report: \(dataset.base.name)", root: "")
        try context.add("index.html", text: page)
    }
}
