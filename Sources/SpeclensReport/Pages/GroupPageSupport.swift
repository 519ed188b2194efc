import SpeclensDataset

/// Pieces shared by the overview, the module-type and the layer pages.
enum GroupPageSupport {
    /// Rows of the matrices table for the matrices `indices`, linked from `page`.
    static func matrixRows(_ context: SiteContext, indices: [Int], from page: SitePath) -> [OverviewModel.Matrix] {
        let dataset = context.dataset
        return indices.map { index -> OverviewModel.Matrix in
            let base = dataset.base.matrices[index]
            return OverviewModel.Matrix(
                name: HTMLText(escaping: base.name),
                href: context.matrixHref(index, from: page).map(HTMLText.init(escaping:)),
                baseline: HTMLText(escaping: NumberFormat.fixed(base.randomBaselineMaxCosine, 3)),
                shape: HTMLText(escaping: base.shape.map(String.init).joined(separator: " × ")),
                layer: HTMLText(escaping: base.layer.map(String.init) ?? "–"), module: HTMLText(escaping: base.module),
                cells: dataset.runs.indices.map { run in
                    guard let c = context.index.comparison(run: run, matrix: base.name) else {
                        return .init(
                            intruders: "–", effectiveRank: "–", frobeniusDelta: "–", relativeChange: "–",
                            isIntruder: false)
                    }
                    let rank = HTMLText(escaping: NumberFormat.optional(c.effectiveRank) { NumberFormat.fixed($0, 2) })
                    return .init(
                        intruders: "\(c.intruders)",
                        effectiveRank: !c.changed ? "unchanged" : StorageCaveat.isFlagged(c) ? rank + markedRank : rank,
                        frobeniusDelta: HTMLText(escaping: NumberFormat.significant(c.frobeniusDelta, 3)),
                        relativeChange: HTMLText(
                            escaping: NumberFormat.optional(c.relativeChange) { NumberFormat.significant($0, 3) }),
                        isIntruder: c.intruders > 0)
                })
        }
    }

    /// The mark after an effective rank near storage resolution, with its meaning as a tooltip.
    static let markedRank: HTMLText =
        " <span class=\"caveat\" title=\"near storage resolution: depends on the rounding floor of the storage format\">\(StorageCaveat.mark)</span>"

    /// Whether any of the matrices `indices` has an effective rank near storage resolution in a run.
    static func hasMarkedRanks(_ context: SiteContext, indices: [Int]) -> Bool {
        indices.contains { index in
            let name = context.dataset.base.matrices[index].name
            return context.dataset.runs.indices.contains { run in
                context.index.comparison(run: run, matrix: name).map { $0.changed && StorageCaveat.isFlagged($0) }
                    ?? false
            }
        }
    }

    /// `run: n` per run (named by its label), n the intruders at the chosen ε summed over the
    /// matrices `names` (plain text).
    static func intrudersText(_ dataset: SpectralDataset, names: Set<String>) -> String {
        dataset.runs.map { run in
            run.displayLabel + ": " + String(Aggregates.intruders(run, names: names))
        }.joined(separator: ", ")
    }

    /// The intruders-across-the-spectrum chart over the matrices `bases` (one line per run, and
    /// each run's null controls averaged the same way), or nil when no run has fractions for them.
    /// The fractions (the controls' too) were computed at the analysis ε; when the report is read
    /// at another, the caption says so (`spectrumEpsilonNote`, which covers both).
    static func spectrumChart(_ context: SiteContext, bases: [BaseMatrixRecord], scope: String, path: SitePath)
        -> Chart?
    {
        let dataset = context.dataset
        let buckets = dataset.parameters.spectrumBuckets
        var series: [(label: String, fractions: [Double])] = []
        var styles: [RunStyle] = []
        var csvHeaders: [String] = []
        var controls: [SpectrumFractionChart.ControlCurve] = []
        for (index, run) in dataset.runs.enumerated() {
            let byName = context.index.comparisons(run: index)
            guard let fractions = Aggregates.spectrumFractions(byName, bases: bases, buckets: buckets) else { continue }
            let label = RunLabel.text(run)
            for kind in NullControlStyle.kinds {
                if let control = Aggregates.controlSpectrumFractions(byName, bases: bases, buckets: buckets, kind: kind)
                {
                    controls.append(.init(label: label, kind: kind, series: series.count, fractions: control))
                }
            }
            series.append((label, fractions))
            styles.append(context.reading.runStyles[index])
            csvHeaders.append(run.label == nil ? label : RunLabel.csvHeader(run))
        }
        guard !series.isEmpty else { return nil }
        let chart = SpectrumFractionChart.make(
            title: "Intruders across the spectrum (\(scope))", scope: scope, series: series, buckets: buckets,
            epsilon: context.reading.analysisEpsilon, path: path, styles: styles, csvHeaders: csvHeaders,
            controls: controls, controlsComputed: dataset.parameters.nullControls)
        let coverage = SpectrumCoverage.sentence(dataset, bases: bases).map { " " + $0 } ?? ""
        let epsilonNote = context.reading.readsAtOtherEpsilon ? " " + spectrumEpsilonNote(context.reading) : ""
        guard !coverage.isEmpty || !epsilonNote.isEmpty else { return chart }
        return Chart(
            kind: chart.kind, path: chart.path, caption: chart.caption + coverage + epsilonNote, svg: chart.svg,
            csv: chart.csv)
    }

    /// Why the spectrum figure's ε differs from the rest of the page (plain text).
    static func spectrumEpsilonNote(_ reading: DatasetReading) -> String {
        "These fractions were computed at the analysis ε = \(NumberFormat.epsilon(reading.analysisEpsilon)), the only ε the "
            + "dataset holds them at; the counts elsewhere use ε = \(NumberFormat.epsilon(reading.epsilon))."
    }

    /// How the buckets are formed, in words (Markdown-safe plain text).
    static func bucketText(_ buckets: Int) -> String {
        let kind = buckets == 10 ? "deciles of rank" : "\(buckets) equal rank buckets"
        return "\(kind): Wt's min(out, in) singular vectors are split by rank into \(buckets) buckets of equal size "
            + "(bucket b holds ranks ⌊b·p/\(buckets)⌋ to ⌊(b+1)·p/\(buckets)⌋ − 1, p = min(out, in), bucket 0 the largest singular values); "
            + "in each bucket, the fraction of vectors whose max |cos| against all pre-trained singular vectors is below ε. "
            + "It is computed over all of Wt's singular vectors, not only the top k; over several matrices it is total intruders / total vectors per bucket."
    }

    /// Shown instead of the chart when the fractions are missing.
    static let notComputedText =
        "Intruders across the spectrum were not computed for this dataset (no per-bucket fractions recorded). "
        + "Re-run speclens analyze with a version that computes them to see this figure."
}
