import Foundation
import SpeclensDataset

/// The figures that compare runs as an experiment (Shuttleworth et al. 2024, Fig. 1, 6–8): the
/// intruders at the ε in force and the mean effective rank against a numeric run tag (the LoRA
/// rank by default), one series per value of a second tag, full fine-tunes as horizontal
/// reference lines; each supplied metric against the same tag and against the intruder count;
/// and the steps of each stack (against the base, and each step against the previous one). A
/// figure is made only when the dataset has what it needs: no run with the tag, metric or stack,
/// no figure.
///
/// Runs of a stack are left out of the tag figures (a step's tags describe its last adapter, not
/// the whole update) and shown in the steps figures instead.
enum ExperimentFigures {
    /// The page group (and gallery kind) of these figures.
    static let galleryGroup = "Comparing runs"

    /// The text tags tried in turn for the series when none is chosen.
    static let defaultSeriesTags = ["family", "task"]

    /// A stack: its name and its step runs (positions in `dataset.runs`), by step.
    struct Stack {
        let name: String
        let steps: [Int]
    }

    /// Every figure `dataset` supports, with paths under `charts/overview/`: against a numeric
    /// tag, each metric against the intruders, and the steps of each stack (their paths made
    /// unique by one slugger, in that order).
    static func make(dataset: SpectralDataset, figures: FigureSettings, options: ReportOptions) -> [Chart] {
        var slugger = Slugger(maximumLength: 40)
        return tagFigures(dataset: dataset, figures: figures, options: options, slugger: &slugger)
            + metricFigures(dataset: dataset, figures: figures, options: options, slugger: &slugger)
            + stackFigures(dataset: dataset, figures: figures, options: options, slugger: &slugger)
    }

    /// A run's intruders at the ε in force over all matrices, as a count or a fraction.
    static func intruders(_ run: FineTuneRun, scale: IntruderScale) -> Double {
        IntruderTotals.value(run.summary.intruders, vectors: IntruderTotals.vectors(run, names: nil), scale: scale)
    }

    /// The intruders, the mean effective rank and each supplied metric against the numeric tag `options.comparisonTag`, one series per value of the series tag; full fine-tunes as reference lines.
    static func tagFigures(
        dataset: SpectralDataset, figures: FigureSettings, options: ReportOptions, slugger: inout Slugger
    ) -> [Chart] {
        var charts: [Chart] = []
        let axis = IntruderAxis(figures)
        let runs = dataset.runs
        // Against a numeric tag.
        let tag = options.comparisonTag
        let tagged = runs.indices.filter { runs[$0].stack == nil && runs[$0].tags?[tag]?.number != nil }
        let fulls = runs.indices.filter { runs[$0].kind == .full && runs[$0].tags?[tag]?.number == nil }
        if !tagged.isEmpty {
            let seriesTag =
                options.seriesTag
                ?? defaultSeriesTags.first { name in tagged.contains { runs[$0].tags?[name] != nil } }
            let groups = group(tagged, by: seriesTag, in: runs)
            let tagSlug = slugger.slug(for: "vs-\(tag)", fallback: "vs-tag")
            let seriesText = seriesTag.map { ", one line per value of tag \($0)" } ?? ""
            func tagFigure(
                _ what: String, column: String, yTitle: String, integerY: Bool, zeroY: Bool = true, stem: String,
                value: (FineTuneRun) -> Double?
            ) -> Chart? {
                let series = groups.enumerated().compactMap { position, group -> ComparisonChart.Series? in
                    let points = group.runs.compactMap { index -> ComparisonChart.Point? in
                        guard let x = runs[index].tags?[tag]?.number, let y = value(runs[index]) else { return nil }
                        return .init(x: x, y: y, run: runs[index])
                    }
                    return points.isEmpty
                        ? nil
                        : .init(label: group.label, style: RunStyle.palette(position), points: points, connected: true)
                }
                guard !series.isEmpty else { return nil }
                let references = fulls.compactMap { index -> ComparisonChart.Reference? in
                    value(runs[index]).map {
                        .init(label: RunLabel.text(runs[index]), y: $0, style: figures.style(index), run: runs[index])
                    }
                }
                return ComparisonChart.make(
                    .init(
                        title: "\(what) versus \(tag)",
                        description:
                            "\(what) of each run against its tag \(tag)\(seriesText); dashed horizontal lines: full fine-tunes, "
                            + "which have no \(tag). Runs of a stack are shown in the steps figure.",
                        caption: "\(what) against tag \(tag)\(seriesText); dashed: full fine-tuning.",
                        xTitle: "tag \(tag)", yTitle: yTitle, xColumn: tag, yColumn: column),
                    series: series, references: references, legend: figures.legendPlacement,
                    integerX: series.allSatisfy { $0.points.allSatisfy { $0.x == $0.x.rounded() } }, integerY: integerY,
                    zeroY: zeroY, path: .overviewChart("\(stem)-\(tagSlug)"))
            }
            charts += [
                tagFigure(
                    "Intruders at ε = \(axis.epsilonText)", column: axis.column, yTitle: axis.title,
                    integerY: axis.scale == .count, stem: "intruders", value: axis.value),
                tagFigure(
                    "Mean effective rank of ΔW", column: "mean_effective_rank", yTitle: "mean effective rank of ΔW",
                    integerY: false, stem: "effective-rank"
                ) { $0.summary.meanEffectiveRank },
            ].compactMap { $0 }
            for metric in metricNames(runs) {
                let metricSlug = Slugger.base(metric, maximumLength: 30, fallback: "metric")
                if let chart = tagFigure(
                    "Supplied \(metric)", column: metric, yTitle: "\(metric) (supplied)", integerY: false, zeroY: false,
                    stem: slugger.slug(for: "metric-\(metricSlug)", fallback: "metric"), value: { $0.metrics?[metric] })
                {
                    charts.append(chart)
                }
            }
        }

        return charts
    }

    /// Each supplied metric against the intruders, one point per run (for metrics at least two runs have).
    static func metricFigures(
        dataset: SpectralDataset, figures: FigureSettings, options: ReportOptions, slugger: inout Slugger
    ) -> [Chart] {
        var charts: [Chart] = []
        let axis = IntruderAxis(figures)
        let runs = dataset.runs
        // Each metric against the intruders.
        for metric in metricNames(runs) {
            let measured = runs.indices.filter { runs[$0].metrics?[metric] != nil }
            guard measured.count >= 2 else { continue }
            let series = measured.map { index in
                ComparisonChart.Series(
                    label: runs[index].displayLabel, style: figures.style(index),
                    points: [.init(x: axis.value(runs[index]), y: runs[index].metrics![metric]!, run: runs[index])],
                    connected: false)
            }
            charts.append(
                ComparisonChart.make(
                    .init(
                        title: "Supplied \(metric) versus intruders at ε = \(axis.epsilonText)",
                        description:
                            "Each run's supplied \(metric) (measured by the user, not by speclens) against its intruders at "
                            + "ε = \(axis.epsilonText) summed over all matrices; one point per run.",
                        caption: "Supplied \(metric) against intruders at ε = \(axis.epsilonText), one point per run.",
                        xTitle: axis.title, yTitle: "\(metric) (supplied)", xColumn: axis.column, yColumn: metric),
                    series: series, references: [], legend: figures.legendPlacement, integerX: axis.scale == .count,
                    integerY: false,
                    zeroY: false,
                    path: .overviewChart(
                        slugger.slug(
                            for: "metric-\(Slugger.base(metric, maximumLength: 30, fallback: "metric"))-vs-intruders",
                            fallback: "metric"))))
        }

        return charts
    }

    /// The intruders, the mean effective rank and each supplied metric along each stack's steps, with each step against the previous one where the dataset compares them.
    static func stackFigures(
        dataset: SpectralDataset, figures: FigureSettings, options: ReportOptions, slugger: inout Slugger
    ) -> [Chart] {
        var charts: [Chart] = []
        let axis = IntruderAxis(figures)
        let runs = dataset.runs
        // The steps of each stack.
        let stacks = self.stacks(runs)
        if !stacks.isEmpty {
            charts += [
                stepFigure(
                    "Intruders at ε = \(axis.epsilonText)", column: axis.column, yTitle: axis.title,
                    integerY: axis.scale == .count, stem: "intruders", runs: runs, stacks: stacks,
                    figures: figures, slugger: &slugger,
                    previous: { run in
                        run.againstPreviousStep.map {
                            IntruderTotals.value(
                                $0.summary.intruders, vectors: IntruderTotals.vectors(run, names: nil),
                                scale: axis.scale)
                        }
                    }, value: axis.value),
                stepFigure(
                    "Mean effective rank of ΔW", column: "mean_effective_rank", yTitle: "mean effective rank of ΔW",
                    integerY: false, stem: "effective-rank", runs: runs, stacks: stacks,
                    figures: figures, slugger: &slugger,
                    previous: { $0.againstPreviousStep?.summary.meanEffectiveRank }
                ) {
                    $0.summary.meanEffectiveRank
                },
            ].compactMap { $0 }
            for metric in metricNames(stacks.flatMap(\.steps).map { runs[$0] }) {
                if let chart = stepFigure(
                    "Supplied \(metric)", column: metric, yTitle: "\(metric) (supplied)", integerY: false, zeroY: false,
                    stem: "metric-\(Slugger.base(metric, maximumLength: 30, fallback: "metric"))", runs: runs,
                    stacks: stacks, figures: figures, slugger: &slugger,
                    value: { $0.metrics?[metric] })
                {
                    charts.append(chart)
                }
            }
        }
        return charts
    }

    /// The figure of a measure (`value`) along each stack's steps, one series per stack, and with
    /// `previous` the same measure of steps k ≥ 2 against step k − 1 as a second series per stack;
    /// nil when no stack has a value.
    private static func stepFigure(
        _ what: String, column: String, yTitle: String, integerY: Bool, zeroY: Bool = true, stem: String,
        runs: [FineTuneRun], stacks: [Stack], figures: FigureSettings, slugger: inout Slugger,
        previous: ((FineTuneRun) -> Double?)? = nil, value: (FineTuneRun) -> Double?
    ) -> Chart? {
        var series: [ComparisonChart.Series] = []
        var hasPrevious = false
        for stack in stacks {
            let style = figures.style(stack.steps.last!)
            let own = stepPoints(stack, runs: runs, value)
            if !own.isEmpty {
                series.append(.init(label: stack.name, style: style, points: own, connected: true))
            }
            // Step 1's previous step is the base: its point is the same in both series.
            let against =
                previous.map { measure in
                    stepPoints(stack, runs: runs) { $0.stack?.count == 1 ? value($0) : measure($0) }
                } ?? []
            if against.count > 1 {
                hasPrevious = true
                series.append(
                    .init(
                        label: "\(stack.name): against previous step",
                        style: StepSeriesStyle.againstPrevious(style),
                        points: against, connected: true))
            }
        }
        guard !series.isEmpty else { return nil }
        let second =
            hasPrevious
            ? "; dotted: each step against the previous one (step k's merged weights compared with step k − 1's instead of "
                + "the base's; for step 1 the previous step is the base)"
            : ""
        return ComparisonChart.make(
            .init(
                title: "\(what) along each stack",
                description:
                    "\(what) after each step of a stack of adapters applied in order on the base (step k: the "
                    + "first k adapters); one line per stack\(second).",
                caption:
                    "\(what) after each step of each stack (step k: the base with its first k adapters applied)\(second).",
                xTitle: "step (adapters applied)", yTitle: yTitle, xColumn: "step", yColumn: column),
            series: series, references: [], legend: figures.legendPlacement, integerX: true, integerY: integerY,
            zeroY: zeroY, path: .overviewChart(slugger.slug(for: "stack-\(stem)", fallback: "stack")))
    }

    /// The points of `stack`'s steps that have a `measure`: x the step, y the measure.
    private static func stepPoints(
        _ stack: Stack, runs: [FineTuneRun], _ measure: (FineTuneRun) -> Double?
    ) -> [ComparisonChart.Point] {
        stack.steps.compactMap { index in
            measure(runs[index]).map { .init(x: Double(runs[index].stack!.count), y: $0, run: runs[index]) }
        }
    }

    /// `indices` grouped by the value of tag `name` (groups in order of first appearance; runs
    /// without the tag in a last group), or one group when `name` is nil.
    static func group(_ indices: [Int], by name: String?, in runs: [FineTuneRun]) -> [(label: String, runs: [Int])] {
        guard let name else { return [("runs", indices)] }
        var groups: [(label: String, runs: [Int])] = []
        var missing: [Int] = []
        for index in indices {
            guard let value = runs[index].tags?[name] else {
                missing.append(index)
                continue
            }
            let label = "\(name) = \(value)"
            if let position = groups.firstIndex(where: { $0.label == label }) {
                groups[position].runs.append(index)
            } else {
                groups.append((label, [index]))
            }
        }
        if !missing.isEmpty { groups.append(("no \(name)", missing)) }
        return groups
    }

    /// The names of the metrics any of `runs` has, sorted.
    static func metricNames(_ runs: [FineTuneRun]) -> [String] {
        Set(runs.flatMap { $0.metrics.map { Array($0.keys) } ?? [] }).sorted()
    }

    /// The stacks among `runs`: runs with a `stack`, chained step by step (step k + 1's adapters
    /// extend step k's), in order of their first step. A stack is named by its first step's label
    /// without a trailing ` · step k`.
    static func stacks(_ runs: [FineTuneRun]) -> [Stack] {
        let steps = runs.indices.filter { !(runs[$0].stack ?? []).isEmpty }.sorted {
            (runs[$0].stack!.count, $0) < (runs[$1].stack!.count, $1)
        }
        var chains: [[Int]] = []
        for index in steps {
            let applied = runs[index].stack!
            if let chain = chains.firstIndex(where: { chain in
                let last = runs[chain.last!].stack!
                return last.count == applied.count - 1 && Array(applied.dropLast()) == last
            }) {
                chains[chain].append(index)
            } else {
                chains.append([index])
            }
        }
        return chains.sorted { $0[0] < $1[0] }.map { chain in
            var name = runs[chain[0]].displayLabel
            if let range = name.range(of: " · step ", options: .backwards) { name = String(name[..<range.lowerBound]) }
            return Stack(name: name, steps: chain)
        }
    }
}
