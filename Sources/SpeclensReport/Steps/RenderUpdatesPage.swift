import SpeclensDataset

/// Renders `updates.html` from `updates.md` when the dataset has a random-direction probe, LoRA
/// measures or a mitigated adapter: the probe's charts, per-run LoRA alignment, and for each
/// mitigated run what was scaled and how each matrix changed against the original run.
struct RenderUpdatesPage: SiteStep {
    let name = "Render updates page"

    /// The page.
    static let path = SitePath.updates

    /// Whether `dataset` gives the page anything to show (a probe, LoRA measures or a mitigated
    /// run): known before any page is rendered, so that every page's navigation can link it.
    static func hasContent(_ dataset: SpectralDataset) -> Bool {
        dataset.probe?.matrices.isEmpty == false
            || dataset.runs.contains { AlignmentChart.means($0) != nil || $0.mitigation != nil }
    }

    func run(in context: inout SiteContext) throws {
        let dataset = context.dataset
        var probeReading: String?
        var intrudersFigure: HTMLText = .empty
        var cosineFigure: HTMLText = .empty
        if let probe = dataset.probe, !probe.matrices.isEmpty {
            // The probe stores intruder counts, not each vector's max |cos|: they hold at the
            // analysis ε only, whatever ε the report is read at.
            let probeEpsilon = context.reading.analysisEpsilon
            let firsts = probe.matrices.map { matrix in zip(probe.lambdas, matrix.intruders).first { $0.1 > 0 }?.0 }
            let reached = firsts.compactMap { $0 }
            probeReading =
                reached.isEmpty
                ? "In none of the \(probe.matrices.count) probed matrices does a random rank-one update up to λ = \(NumberFormat.compact(probe.lambdas.max() ?? 0))·σ_max create an intruder at ε = \(NumberFormat.epsilon(probeEpsilon))."
                : "In \(reached.count) of the \(probe.matrices.count) probed matrices a random rank-one update creates an intruder at ε = \(NumberFormat.epsilon(probeEpsilon)) once λ reaches \(NumberFormat.compact(reached.min() ?? 0))–\(NumberFormat.compact(reached.max() ?? 0)) times the matrix's largest singular value."
            if context.reading.readsAtOtherEpsilon {
                probeReading! +=
                    " The probe's intruder counts were computed at the analysis ε = \(NumberFormat.epsilon(probeEpsilon)), "
                    + "the only ε the dataset holds them at; the rest of the report uses ε = \(NumberFormat.epsilon(context.reading.epsilon))."
            }
            intrudersFigure = try context.add(
                chart: ProbeChart.make(
                    dataset: dataset, probe: probe, measure: .intruders, path: .updatesChart("probe-intruders"),
                    epsilon: context.reading.epsilon,
                    intrudersEpsilon: probeEpsilon),
                on: Self.path, group: "How the updates sit")
            cosineFigure = try context.add(
                chart: ProbeChart.make(
                    dataset: dataset, probe: probe, measure: .newVectorMaxCosine,
                    path: .updatesChart("probe-max-cosine"),
                    epsilon: context.reading.epsilon),
                on: Self.path, group: "How the updates sit")
        }
        let lowRankRows = dataset.runs.compactMap { run -> UpdatesModel.Row? in
            guard let means = AlignmentChart.means(run) else { return nil }
            let amplifications = run.matrices.compactMap { $0.lowRankMeasures?.amplification }.sorted()
            return .init(cells: [
                RunLabel.text(run), String(means.matrices), NumberFormat.fixed(means.aRows, 3),
                NumberFormat.fixed(means.bColumns, 3), NumberFormat.fixed(means.similarity, 3),
                amplifications.isEmpty ? "–" : NumberFormat.significant(amplifications[amplifications.count / 2], 3),
            ])
        }
        let alignmentFigure =
            try AlignmentChart.make(dataset: dataset, path: .updatesChart("lora-alignment")).map {
                try context.add(chart: $0, on: Self.path, group: "How the updates sit")
            } ?? .empty
        let mitigations = dataset.runs.compactMap { Self.mitigation($0, in: context) }
        let model = UpdatesModel(
            probeReading: probeReading, probeIntrudersFigure: intrudersFigure, probeCosineFigure: cosineFigure,
            lowRankRows: lowRankRows, alignmentFigure: alignmentFigure, mitigations: mitigations)
        guard !model.isEmpty else { return }
        try context.addPage(template: "updates.md", model: model, title: "How the updates sit", at: Self.path)
    }

    /// What was scaled in `run` when it is a mitigated run, and how each matrix changed against
    /// the original run at the ε in force; nil otherwise.
    static func mitigation(_ run: FineTuneRun, in context: SiteContext) -> UpdatesModel.Mitigation? {
        let dataset = context.dataset
        let epsilon = context.reading.epsilon
        guard let record = run.mitigation else { return nil }
        let changed = record.modules.filter { !$0.intruderIndices.isEmpty }
        let rows = changed.map { module in
            UpdatesModel.Row(cells: [
                module.module, module.intruderIndices.map(String.init).joined(separator: ", "),
                module.singularValues.map { NumberFormat.significant(Double($0), 4) }.joined(separator: ", "),
                module.mitigatedSingularValues.map { NumberFormat.significant(Double($0), 4) }.joined(separator: ", "),
                NumberFormat.fixed(module.intruderEnergyShare, 3),
            ])
        }
        let originalPosition = dataset.runs.firstIndex { $0.path == record.source && $0.id != run.id }
        let original = originalPosition.map { dataset.runs[$0] }
        let changes = run.matrices.compactMap { matrix -> UpdatesModel.Row? in
            guard let originalPosition,
                let before = context.index.comparison(run: originalPosition, matrix: matrix.name)
            else { return nil }
            return .init(cells: [
                matrix.name, String(before.intruders(atEpsilon: epsilon)),
                String(matrix.intruders(atEpsilon: epsilon)),
                NumberFormat.significant(before.frobeniusDelta, 4), NumberFormat.significant(matrix.frobeniusDelta, 4),
            ])
        }
        return .init(
            run: RunLabel.text(run), source: record.source, topK: String(record.topK),
            epsilon: NumberFormat.epsilon(record.epsilon), lambda: NumberFormat.compact(record.lambda),
            changedModules: String(changed.count), modules: String(record.modules.count), rows: rows,
            original: original.map(RunLabel.text), readingEpsilon: NumberFormat.epsilon(epsilon), changes: changes)
    }
}
