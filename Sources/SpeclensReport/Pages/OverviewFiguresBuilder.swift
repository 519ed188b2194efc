import SpeclensDataset

/// Makes the overview's charts and adds them to the report, in gallery order: the ε curves, the
/// mean effective ranks, each run's layer × module maps (effective rank, intruders, relative
/// change), the experiment figures, the ε curves by module type and the intruders across the
/// spectrum.
struct OverviewFiguresBuilder {
    /// The page group the overview's own charts are listed under in the gallery.
    static let group = "Overview"

    /// Makes and adds every chart.
    func make(in context: inout SiteContext) throws -> OverviewFigures {
        let dataset = context.dataset
        let epsilonFigure = try add(
            EpsilonCurveChart.make(
                dataset: dataset, path: .overviewChart("intruders-vs-epsilon"), figures: context.figures), in: &context)
        let rankFigure = try add(
            EffectiveRankBarChart.make(dataset: dataset, path: .overviewChart("effective-rank-mean")), in: &context)
        let rankHeatmaps = try catalogueHeatmaps(.effectiveRank, in: &context).flatMap(\.figures)
        // The intruder maps on one colour scale (0 to the most intruders of any matrix in any
        // run), so that the runs compare.
        let intruderUpper = max(Double(dataset.runs.flatMap { $0.matrices.map(\.intruders) }.max() ?? 0), 1)
        let intruderMaps = try heatmaps(
            stem: "intruders-map", measure: .intruders(epsilon: context.reading.epsilon), in: &context
        ) { _ in
            intruderUpper
        }
        let experimentFigures = try ExperimentFigures.make(
            dataset: dataset, figures: context.figures, options: context.options
        ).map {
            try context.add(chart: $0, on: .overview, group: ExperimentFigures.galleryGroup)
        }
        let changeHeatmaps = try catalogueHeatmaps(.norms, in: &context).flatMap(\.figures)
        let moreHeatmaps = try catalogueHeatmaps(.ownSection, in: &context)
        return OverviewFigures(
            epsilonFigure: epsilonFigure, rankFigure: rankFigure, rankHeatmapFigures: rankHeatmaps,
            intruderMapFigures: intruderMaps,
            experimentFigures: experimentFigures, changeHeatmapFigures: changeHeatmaps,
            measureSections: moreHeatmaps.map {
                OverviewFigures.MeasureSection(title: $0.measure.title, figures: $0.figures)
            },
            moduleEpsilonFigure: try moduleEpsilonFigure(in: &context),
            spectrumFigure: try spectrumFigure(in: &context),
            spectrumBuckets: GroupPageSupport.bucketText(max(dataset.parameters.spectrumBuckets, 10)))
    }

    /// Adds `chart` to the overview.
    func add(_ chart: Chart, in context: inout SiteContext) throws -> HTMLText {
        try context.add(chart: chart, on: .overview, group: Self.group)
    }

    /// The heat maps of the catalogued measures placed at `placement`
    /// (``MeasureCatalogue/heatMapMeasures``), each measure's maps in run order: each run on its
    /// own scale (a LoRA run's ranks are tiny next to a full fine-tune's) unless the measure's
    /// scale is shared, or the report shares scales.
    func catalogueHeatmaps(
        _ placement: MeasureHeatMap.Placement, in context: inout SiteContext
    ) throws -> [(measure: SpeclensDataset.Measure, figures: [HTMLText])] {
        try MeasureCatalogue.heatMapMeasures.compactMap { measure in
            guard let map = measure.heatMap, map.placement == placement else { return nil }
            let values = { (run: FineTuneRun) in run.matrices.compactMap(map.value) }
            let shared = context.dataset.runs.flatMap(values).max() ?? 1
            let perRun = map.scale == .perRun && !context.options.sharedRankScale
            let figures = try heatmaps(stem: map.stem, measure: .init(measure, heatMap: map), in: &context) { run in
                perRun ? values(run).max() ?? 1 : shared
            }
            return (measure, figures)
        }
    }

    /// A layer × module map of `measure` for each run with matrices (`<stem>-<run slug>`), its
    /// colour scale from 0 to `upper(run)`.
    func heatmaps(
        stem: String, measure: LayerModuleHeatmap.Measure, in context: inout SiteContext, upper: (FineTuneRun) -> Double
    ) throws -> [HTMLText] {
        var figures: [HTMLText] = []
        for (index, run) in context.dataset.runs.enumerated() where !run.matrices.isEmpty {
            figures.append(
                try add(
                    LayerModuleHeatmap.make(
                        index: context.index, run: run, upper: upper(run),
                        path: .overviewChart("\(stem)-\(context.runSlugs[index])"),
                        measure: measure), in: &context))
        }
        return figures
    }

    /// The ε curves by module type, when there are several module types and a run.
    func moduleEpsilonFigure(in context: inout SiteContext) throws -> HTMLText {
        let bases = context.dataset.base.matrices
        let modules = context.modules.map { module in (name: module.name, bases: module.matrices.map { bases[$0] }) }
        guard modules.count > 1, !context.dataset.runs.isEmpty else { return .empty }
        return try add(
            ModuleEpsilonPanels.make(
                dataset: context.dataset, modules: modules, path: .overviewChart("intruders-vs-epsilon-by-module"),
                figures: context.figures), in: &context)
    }

    /// The intruders across the spectrum over all matrices, when computed.
    func spectrumFigure(in context: inout SiteContext) throws -> HTMLText {
        guard
            let chart = GroupPageSupport.spectrumChart(
                context, bases: context.dataset.base.matrices, scope: "all matrices",
                path: .overviewChart("intruders-across-spectrum"))
        else { return .empty }
        return try add(chart, in: &context)
    }
}
