import SpeclensDataset

/// Renders `index.html` from `overview.md`, with the overview charts.
struct RenderOverviewPage: SiteStep {
    let name = "Render overview page"

    func run(in context: inout SiteContext) throws {
        let dataset = context.dataset
        let parameters = dataset.parameters
        let epsilonInForce = context.reading.epsilon
        let epsilon = NumberFormat.epsilon(epsilonInForce)

        let figures = context.figures
        let epsilonFigure = try context.add(
            chart: EpsilonCurveChart.make(dataset: dataset, path: .overviewChart("intruders-vs-epsilon"), figures: figures),
            on: .overview, group: "Overview")
        let rankFigure = try context.add(
            chart: EffectiveRankBarChart.make(dataset: dataset, path: .overviewChart("effective-rank-mean")), on: .overview, group: "Overview")
        var heatmaps: [HTMLText] = []
        var changeHeatmaps: [HTMLText] = []
        // Each run on its own scale (a LoRA run's ranks are tiny next to a full fine-tune's), or
        // on one shared scale when asked for.
        let sharedRankUpper = dataset.runs.flatMap { $0.matrices.compactMap(\.effectiveRank) }.max() ?? 1
        for (index, run) in dataset.runs.enumerated() where !run.matrices.isEmpty {
            heatmaps.append(try context.add(
                chart: LayerModuleHeatmap.make(
                    index: context.index, run: run,
                    upper: context.options.sharedRankScale ? sharedRankUpper : run.matrices.compactMap(\.effectiveRank).max() ?? 1,
                    path: .overviewChart("effective-rank-\(context.runSlugs[index])")),
                on: .overview, group: "Overview"))
        }
        let intruderMaps = try RenderOverviewPage.intruderMaps(in: &context)
        let experimentFigures = try ExperimentFigures.make(dataset: dataset, figures: figures, options: context.options).map {
            try context.add(chart: $0, on: .overview, group: ExperimentFigures.galleryGroup)
        }
        // One colour scale for every run, so that the runs' heat maps compare.
        let changeUpper = dataset.runs.flatMap { $0.matrices.compactMap { $0.changed ? $0.relativeChange : nil } }.max() ?? 1
        for (index, run) in dataset.runs.enumerated() where !run.matrices.isEmpty {
            changeHeatmaps.append(try context.add(
                chart: LayerModuleHeatmap.make(
                    index: context.index, run: run, upper: changeUpper,
                    path: .overviewChart("relative-change-\(context.runSlugs[index])"), measure: .relativeChange),
                on: .overview, group: "Overview"))
        }
        let bases = dataset.base.matrices
        let moduleGroups = context.modules.map { module in (name: module.name, bases: module.matrices.map { bases[$0] }) }
        let moduleEpsilonFigure = moduleGroups.count > 1 && !dataset.runs.isEmpty ? try context.add(
            chart: ModuleEpsilonPanels.make(dataset: dataset, modules: moduleGroups, path: .overviewChart("intruders-vs-epsilon-by-module"),
                                            figures: figures),
            on: .overview, group: "Overview") : .empty
        let spectrumFigure = try GroupPageSupport.spectrumChart(
            context, bases: bases, scope: "all matrices", path: .overviewChart("intruders-across-spectrum")
        ).map { try context.add(chart: $0, on: .overview, group: "Overview") } ?? .empty
        let distinctBaselines = RandomBaseline.distinct(bases)
        let baselines = distinctBaselines.map {
            OverviewModel.Baseline(dimension: "\($0.dimension)", shape: HTMLText(escaping: $0.shapeText),
                                   value: HTMLText(escaping: NumberFormat.fixed($0.value, 3)),
                                   percentile95: $0.percentile95.map { HTMLText(escaping: NumberFormat.fixed($0, 3)) } ?? .empty,
                                   matrices: "\($0.matrices)")
        }
        let baselineList = distinctBaselines.map { baseline -> HTMLText in
            let percentile: HTMLText = baseline.percentile95.map { " (95th percentile \(NumberFormat.fixed($0, 3)))" } ?? .empty
            return "<span class=\"baseline\">\(baseline.shapeText): <strong>\(NumberFormat.fixed(baseline.value, 3))</strong>"
                + "\(percentile), \(baseline.matrices) matrices</span>"
        }.joined(separator: "; ")
        let baselineMethod = distinctBaselines.allSatisfy(\.isMonteCarlo)
            ? "the expected max |cos| of a uniformly random unit vector of the compared space (dimension n) against the p pre-trained singular vectors of that side, a seeded Monte Carlo estimate, given with its 95th percentile"
            : distinctBaselines.first { !$0.isMonteCarlo }?.methodText ?? ""
        let moduleLinks = context.modules.enumerated().map { index, module in
            OverviewModel.GroupLink(
                name: HTMLText(escaping: module.name),
                href: context.layout.modulePageHref(index, from: .overview, in: context).map(HTMLText.init(escaping:)),
                matrices: "\(module.matrices.count)",
                intruders: HTMLText(escaping: GroupPageSupport.intrudersText(dataset, names: Set(module.matrices.map { bases[$0].name }))))
        }
        let layerLinks = context.layers.map { layer in
            OverviewModel.GroupLink(
                name: "layer \(layer.layer)",
                href: context.layout.layerPageHref(layer.layer, from: .overview, in: context).map(HTMLText.init(escaping:)),
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
        ] + RenderOverviewPage.readingParameters(context) + [
            .init(label: "singular vectors", value: parameters.singularVectors == .left
                  ? "left (columns of U, the layer's output space)" : "right (columns of V, the layer's input space)"),
            .init(label: "similarity matrix", value: "top N = \(parameters.similarityTopN) of each"),
            .init(label: "effective-rank cutoff", value: parameters.effectiveRankCutoff),
            .init(label: "precision", value: parameters.precision),
            .init(label: "intruders across the spectrum", value: parameters.spectrumBuckets > 0
                  ? "\(parameters.spectrumBuckets) rank buckets over all of Wt's singular vectors"
                    + (SpectrumCoverage.sentence(dataset, bases: bases).map { "; " + $0 } ?? "") : "not computed"),
        ] + (SpectrumCoverage.cut(dataset, index: context.index).map { cut in
            [.init(label: "Wt spectrum", value: "cut: only the top \(cut.rank) singular values stored in \(cut.comparisons) of \(cut.total) comparisons "
                  + "(analyse with --full-spectra for all)")]
        } ?? []) + (SpectrumCoverage.paths(dataset).map { [.init(label: "Wt decomposition", value: $0)] } ?? []) + [
            .init(label: "include", value: parameters.include.isEmpty ? "all" : parameters.include.joined(separator: " | ")),
            .init(label: "exclude", value: parameters.exclude.isEmpty ? "none" : parameters.exclude.joined(separator: " | ")),
            .init(label: "embeddings / heads", value: "\(parameters.includeEmbeddings ? "included" : "excluded") / "
                  + (parameters.includeHeads ? "included" : "excluded")),
        ]

        let otherEpsilons = context.reading.epsilons.dropFirst()
        let allNames = Set(bases.map(\.name))
        let hasControls = dataset.runs.contains { !($0.summary.controls ?? []).isEmpty }
        func controlCell(_ run: FineTuneRun, _ kind: NullControlKind) -> HTMLText {
            Aggregates.controlIntruders(run, names: allNames, kind: kind, epsilon: epsilonInForce).map { "\($0)" } ?? "–"
        }
        let runs = dataset.runs.enumerated().map { index, run -> OverviewModel.Run in
            let lora = run.lora
            let concentration = IntruderConcentration.of(run, atEpsilon: epsilonInForce)
            let concentrationText = concentration?.sentence(epsilonText: NumberFormat.epsilon(epsilonInForce))
            let meanRank = HTMLText(escaping: NumberFormat.optional(run.summary.meanEffectiveRank) { NumberFormat.fixed($0, 2) })
            return OverviewModel.Run(
                id: run.id.rawValue, label: run.displayLabel, hasLabel: run.label != nil && run.label != run.id.rawValue,
                swatch: RunSwatch.html(context.reading.runStyles[index]),
                tags: RunFacts.tags(run), metrics: RunFacts.metrics(run),
                stack: [RunFacts.stack(run), PreviousStepText.summary(run, among: dataset.runs, epsilon: epsilonInForce)]
                    .filter { !$0.isEmpty }.joined(separator: "; "),
                otherIntruders: otherEpsilons.map { "\(run.intruders(atEpsilon: $0))" },
                anchor: "run-\(context.runSlugs[index])",
                kindLabel: run.kind == .full ? "full fine-tune" : "LoRA adapter",
                path: run.path, isLora: lora != nil,
                loraR: lora.map { "\($0.r)" } ?? .empty,
                loraAlpha: lora.map { HTMLText(escaping: NumberFormat.compact($0.alpha)) } ?? .empty,
                loraScale: lora.map { HTMLText(escaping: NumberFormat.compact($0.scale)) } ?? .empty,
                loraRslora: lora.map { $0.useRslora ? "yes (s = α/√r)" : "no (s = α/r)" } ?? "",
                loraBase: lora?.baseModelNameOrPath,
                loraTargets: lora.map { $0.targetModules.sorted().joined(separator: ", ") } ?? "",
                warnings: run.warnings + [concentrationText].compactMap { $0 }, notes: run.notes ?? [],
                skipped: run.skipped.map {
                    .init(name: HTMLText(escaping: $0.name), source: HTMLText(escaping: $0.source.rawValue),
                          reason: HTMLText(escaping: $0.reason))
                },
                analysed: "\(run.summary.analysedMatrices)",
                unchanged: "\(run.summary.unchangedMatrices)",
                intruders: Self.intrudersCell(run.summary.intruders, concentration, concentrationText),
                outsideSpan: "\(SpanCategory.outside(run, epsilon: epsilonInForce))",
                isotropicControl: controlCell(run, .isotropic), lowRankControl: controlCell(run, .lowRank),
                meanEffectiveRank: run.summary.nearStorageResolution == true ? meanRank + GroupPageSupport.markedRank : meanRank,
                matricesWithIntruders: "\(run.matrices.filter { $0.intruders > 0 }.count)")
        }

        // A site of many matrices lists the most telling ones here; every matrix is on its
        // module-type page and its layer's page. The single file keeps the whole table.
        let count = dataset.base.matrices.count
        let shortened = context.layout.shortensOverviewMatrixTable && count > OverviewModel.matrixTableLimit
        let listed = shortened
            ? SiteGenerator.singleFileSelection(dataset, limit: OverviewModel.matrixTableLimit) : Array(dataset.base.matrices.indices)
        let matrices = GroupPageSupport.matrixRows(context, indices: listed, from: .overview)
        let storage = dataset.runs.compactMap { StorageCaveat.runSentence(dataset, run: $0) }
        let warningLinks = runs.enumerated().filter { !$0.element.warnings.isEmpty }.map { index, run in
            OverviewModel.WarningLink(id: HTMLText(escaping: dataset.runs[index].id.rawValue), anchor: "run-\(context.runSlugs[index])",
                                      count: HTMLText(escaping: run.warnings.count == 1 ? "1 warning" : "\(run.warnings.count) warnings"))
        }

        let model = OverviewModel(
            baseName: dataset.base.name, basePath: dataset.base.path,
            matrixCount: String(dataset.base.matrices.count), runCount: String(dataset.runs.count),
            fileCount: String(dataset.base.files.count),
            baseBytes: NumberFormat.significant(Double(dataset.base.files.reduce(0) { $0 + $1.bytes }) / 1e6, 4),
            epsilon: HTMLText(escaping: epsilon), topK: "\(parameters.topK)", parameters: parameterList,
            runs: runs, runHeaders: dataset.runs.map { .init(id: HTMLText(escaping: $0.displayLabel)) },
            otherEpsilons: otherEpsilons.map { HTMLText(escaping: NumberFormat.epsilon($0)) },
            intruderMapFigures: intruderMaps, experimentFigures: experimentFigures,
            matrices: matrices,
            epsilonFigure: epsilonFigure, rankFigure: rankFigure, rankHeatmapFigures: heatmaps,
            moduleEpsilonFigure: moduleEpsilonFigure, baselines: baselines, baselineList: baselineList,
            baselineMethod: HTMLText(escaping: baselineMethod),
            epsilonReading: HTMLText(escaping: OverviewReading.epsilonCurve(dataset, epsilon: epsilonInForce)),
            baselineReading: HTMLText(escaping: OverviewReading.baselines(dataset)),
            rankReading: HTMLText(escaping: OverviewReading.effectiveRank(dataset) ?? ""),
            controlsText: HTMLText(escaping: NullControlText.sentence(dataset)), hasControls: hasControls,
            spanText: SpanCategory.applies(dataset) ? HTMLText(escaping: SpanCategory.sentence(dataset)) : .empty,
            storageCaveats: storage.filter(\.isCaveat).map { HTMLText(escaping: $0.text) },
            storageNotes: storage.filter { !$0.isCaveat }.map { HTMLText(escaping: $0.text) },
            hasMarkedRanks: GroupPageSupport.hasMarkedRanks(context, indices: Array(bases.indices)),
            warningLinks: warningLinks, spectrumFigure: spectrumFigure,
            spectrumBuckets: GroupPageSupport.bucketText(max(parameters.spectrumBuckets, 10)),
            changeHeatmapFigures: changeHeatmaps, moduleLinks: moduleLinks,
            compareModuleLinks: !context.layout.showsSideBySide ? [] : context.modules.indices.map {
                .init(name: HTMLText(escaping: context.modules[$0].name), href: HTMLText(escaping: SitePath.overview.link(to: context.compareModulePage($0))))
            },
            compareLayerLinks: !context.layout.showsSideBySide ? [] : context.layers.map {
                .init(name: "layer \($0.layer)", href: HTMLText(escaping: SitePath.overview.link(to: context.compareLayerPage($0.layer))))
            },
            layerLinks: layerLinks,
            toolVersion: dataset.tool.version,
            matrixListNote: shortened
                ? "The \(listed.count) of \(count) matrices with the most intruders (then the largest relative change), "
                    + "in name order. Every matrix is listed on its module type's page"
                    + (context.layers.isEmpty ? "." : " and on its layer's page.")
                : "")
        try context.addPage(
            template: "overview.md", model: model, title: "Spectral report: \(dataset.base.name)", at: .overview)
    }

    /// The layer × module intruder map of each run at the ε in force, all on one colour scale
    /// (0 to the most intruders of any matrix in any run), so that the runs compare.
    static func intruderMaps(in context: inout SiteContext) throws -> [HTMLText] {
        let dataset = context.dataset
        let upper = Double(dataset.runs.flatMap { $0.matrices.map(\.intruders) }.max() ?? 0)
        var figures: [HTMLText] = []
        for (index, run) in dataset.runs.enumerated() where !run.matrices.isEmpty {
            figures.append(try context.add(
                chart: LayerModuleHeatmap.make(
                    index: context.index, run: run, upper: max(upper, 1),
                    path: .overviewChart("intruders-map-\(context.runSlugs[index])"),
                    measure: .intruders(epsilon: context.reading.epsilon)),
                on: .overview, group: "Overview"))
        }
        return figures
    }

    /// Parameter lines on the ε in force and the other reading ε's, when the report is read at
    /// an ε other than the analysis ε or at several; on the runs shown, when a subset is.
    static func readingParameters(_ context: SiteContext) -> [OverviewModel.Parameter] {
        let reading = context.reading
        var lines: [OverviewModel.Parameter] = []
        if reading.readsAtOtherEpsilon {
            lines.append(.init(
                label: "ε in force", value: "ε = \(NumberFormat.epsilon(reading.epsilon)), chosen when rendering; the dataset was "
                    + "analysed at ε = \(NumberFormat.epsilon(reading.analysisEpsilon)), and every count here is recomputed from "
                    + "the stored max |cos| (intruder when max |cos| < ε)"))
        }
        if reading.epsilons.count > 1 {
            lines.append(.init(label: "also read at", value: reading.epsilons.dropFirst()
                .map { "ε = \(NumberFormat.epsilon($0))" }.joined(separator: ", ")))
        }
        if context.options.runs != nil {
            lines.append(.init(label: "runs shown", value: "\(context.dataset.runs.count), chosen and ordered when rendering"))
        }
        return lines
    }

    /// A run's intruder count, with a visible mark (and the warning as its title) when one matrix
    /// holds at least half of them.
    static func intrudersCell(_ count: Int, _ concentration: IntruderConcentration?, _ warning: String?) -> HTMLText {
        guard let concentration, let warning else { return "\(count)" }
        return "\(count) <span class=\"warn\" title=\"\(warning)\">(⚠ \(concentration.count) in one matrix)</span>"
    }
}
