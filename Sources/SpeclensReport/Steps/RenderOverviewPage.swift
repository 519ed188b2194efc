import SpeclensDataset

/// Renders `index.html` from `overview.md`, with the overview charts.
struct RenderOverviewPage: SiteStep {
    let name = "Render overview page"

    func run(in context: inout SiteContext) throws {
        let dataset = context.dataset
        let parameters = dataset.parameters
        let epsilon = NumberFormat.epsilon(parameters.epsilon)

        let epsilonFigure = try context.add(
            chart: EpsilonCurveChart.make(dataset: dataset, path: "charts/overview/intruders-vs-epsilon"), root: "", group: "Overview", page: "index.html")
        let rankFigure = try context.add(
            chart: EffectiveRankBarChart.make(dataset: dataset, path: "charts/overview/effective-rank-mean"), root: "", group: "Overview", page: "index.html")
        var heatmaps: [HTMLText] = []
        var changeHeatmaps: [HTMLText] = []
        for (index, run) in dataset.runs.enumerated() where !run.matrices.isEmpty {
            heatmaps.append(try context.add(
                chart: LayerModuleHeatmap.make(
                    dataset: dataset, run: run,
                    upper: run.matrices.compactMap(\.effectiveRank).max() ?? 1,
                    path: "charts/overview/effective-rank-\(context.runSlugs[index])"),
                root: "", group: "Overview", page: "index.html"))
        }
        // One colour scale for every run, so that the runs' heat maps compare.
        let changeUpper = dataset.runs.flatMap { $0.matrices.compactMap { $0.changed ? $0.relativeChange : nil } }.max() ?? 1
        for (index, run) in dataset.runs.enumerated() where !run.matrices.isEmpty {
            changeHeatmaps.append(try context.add(
                chart: LayerModuleHeatmap.make(
                    dataset: dataset, run: run, upper: changeUpper,
                    path: "charts/overview/relative-change-\(context.runSlugs[index])", measure: .relativeChange),
                root: "", group: "Overview", page: "index.html"))
        }
        let bases = dataset.base.matrices
        let moduleGroups = context.modules.map { module in (name: module.name, bases: module.matrices.map { bases[$0] }) }
        let moduleEpsilonFigure = moduleGroups.count > 1 && !dataset.runs.isEmpty ? try context.add(
            chart: ModuleEpsilonPanels.make(dataset: dataset, modules: moduleGroups, path: "charts/overview/intruders-vs-epsilon-by-module"),
            root: "", group: "Overview", page: "index.html") : .empty
        let spectrumFigure = try GroupPageSupport.spectrumChart(
            context, bases: bases, scope: "all matrices", path: "charts/overview/intruders-across-spectrum"
        ).map { try context.add(chart: $0, root: "", group: "Overview", page: "index.html") } ?? .empty
        let baselines = Aggregates.baselines(bases).map {
            OverviewModel.Baseline(dimension: "\($0.dimension)", value: HTMLText(escaping: NumberFormat.fixed($0.value, 3)),
                                   matrices: "\($0.matrices)")
        }
        let moduleLinks = context.modules.enumerated().map { index, module in
            OverviewModel.GroupLink(
                name: HTMLText(escaping: module.name),
                href: context.layout.modulePageHref(index, root: "", in: context).map(HTMLText.init(escaping:)),
                matrices: "\(module.matrices.count)",
                intruders: HTMLText(escaping: GroupPageSupport.intrudersText(dataset, names: Set(module.matrices.map { bases[$0].name }))))
        }
        let layerLinks = context.layers.map { layer in
            OverviewModel.GroupLink(
                name: "layer \(layer.layer)",
                href: context.layout.layerPageHref(layer.layer, root: "", in: context).map(HTMLText.init(escaping:)),
                matrices: "\(layer.matrices.count)",
                intruders: HTMLText(escaping: GroupPageSupport.intrudersText(dataset, names: Set(layer.matrices.map { bases[$0].name }))))
        }

        let gridText: String = {
            let grid = parameters.epsilonGrid.sorted()
            guard let first = grid.first, let last = grid.last else { return "none" }
            return "\(EpsilonKey.string(first)) … \(EpsilonKey.string(last)) (\(grid.count) values)"
        }()
        let parameterList: [OverviewModel.Parameter] = [
            .init(label: "intruder test", value: "top k = \(parameters.topK) fine-tuned singular vectors per matrix, "
                  + "intruder when max |cos| < ε = \(epsilon)"),
            .init(label: "ε sweep", value: gridText),
            .init(label: "singular vectors", value: parameters.singularVectors == .left
                  ? "left (columns of U, the layer's output space)" : "right (columns of V, the layer's input space)"),
            .init(label: "similarity matrix", value: "top N = \(parameters.similarityTopN) of each"),
            .init(label: "effective-rank cutoff", value: parameters.effectiveRankCutoff),
            .init(label: "precision", value: parameters.precision),
            .init(label: "intruders across the spectrum", value: parameters.spectrumBuckets > 0
                  ? "\(parameters.spectrumBuckets) rank buckets over all of Wt's singular vectors" : "not computed"),
            .init(label: "include", value: parameters.include.isEmpty ? "all" : parameters.include.joined(separator: " | ")),
            .init(label: "exclude", value: parameters.exclude.isEmpty ? "none" : parameters.exclude.joined(separator: " | ")),
            .init(label: "embeddings / heads", value: "\(parameters.includeEmbeddings ? "included" : "excluded") / "
                  + (parameters.includeHeads ? "included" : "excluded")),
        ]

        let runs = dataset.runs.enumerated().map { index, run -> OverviewModel.Run in
            let lora = run.lora
            return OverviewModel.Run(
                id: run.id.rawValue, anchor: "run-\(context.runSlugs[index])",
                kindLabel: run.kind == .full ? "full fine-tune" : "LoRA adapter",
                path: run.path, isLora: lora != nil,
                loraR: lora.map { "\($0.r)" } ?? .empty,
                loraAlpha: lora.map { HTMLText(escaping: NumberFormat.compact($0.alpha)) } ?? .empty,
                loraScale: lora.map { HTMLText(escaping: NumberFormat.compact($0.scale)) } ?? .empty,
                loraRslora: lora.map { $0.useRslora ? "yes (s = α/√r)" : "no (s = α/r)" } ?? "",
                loraBase: lora?.baseModelNameOrPath,
                loraTargets: lora.map { $0.targetModules.sorted().joined(separator: ", ") } ?? "",
                warnings: run.warnings,
                skipped: run.skipped.map {
                    .init(name: HTMLText(escaping: $0.name), source: HTMLText(escaping: $0.source.rawValue),
                          reason: HTMLText(escaping: $0.reason))
                },
                analysed: "\(run.summary.analysedMatrices)",
                unchanged: "\(run.summary.unchangedMatrices)",
                intruders: "\(run.summary.intruders)",
                meanEffectiveRank: HTMLText(escaping: NumberFormat.optional(run.summary.meanEffectiveRank) { NumberFormat.fixed($0, 2) }),
                matricesWithIntruders: "\(run.matrices.filter { $0.intruders > 0 }.count)")
        }

        // A site of many matrices lists the most telling ones here; every matrix is on its
        // module-type page and its layer's page. The single file keeps the whole table.
        let count = dataset.base.matrices.count
        let shortened = context.layout is SiteLayout && count > OverviewModel.matrixTableLimit
        let listed = shortened
            ? SiteGenerator.singleFileSelection(dataset, limit: OverviewModel.matrixTableLimit) : Array(dataset.base.matrices.indices)
        let matrices = GroupPageSupport.matrixRows(context, indices: listed, root: "")

        let model = OverviewModel(
            baseName: dataset.base.name, basePath: dataset.base.path,
            matrixCount: String(dataset.base.matrices.count), runCount: String(dataset.runs.count),
            fileCount: String(dataset.base.files.count),
            baseBytes: NumberFormat.significant(Double(dataset.base.files.reduce(0) { $0 + $1.bytes }) / 1e6, 4),
            epsilon: HTMLText(escaping: epsilon), topK: "\(parameters.topK)", parameters: parameterList,
            runs: runs, runHeaders: dataset.runs.map { .init(id: HTMLText(escaping: $0.id.rawValue)) },
            matrices: matrices,
            epsilonFigure: epsilonFigure, rankFigure: rankFigure, rankHeatmapFigures: heatmaps,
            moduleEpsilonFigure: moduleEpsilonFigure, baselines: baselines, spectrumFigure: spectrumFigure,
            spectrumBuckets: GroupPageSupport.bucketText(max(parameters.spectrumBuckets, 10)),
            changeHeatmapFigures: changeHeatmaps, moduleLinks: moduleLinks, layerLinks: layerLinks,
            toolVersion: dataset.tool.version,
            matrixListNote: shortened
                ? "The \(listed.count) of \(count) matrices with the most intruders (then the largest relative change), "
                    + "in name order. Every matrix is listed on its module type's page"
                    + (context.layers.isEmpty ? "." : " and on its layer's page.")
                : "")
        try context.addPage(
            template: "overview.md", model: model, title: "Spectral report: \(dataset.base.name)", root: "",
            path: "index.html")
    }
}
