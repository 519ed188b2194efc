import SpeclensDataset

/// Makes the overview's runs part: a row per run with its LoRA settings, remarks and totals at
/// the ε in force, the warnings box and the remarks on storage resolution.
struct OverviewRunsBuilder {
    let context: SiteContext

    /// The runs part.
    func make() -> OverviewRuns {
        let dataset = context.dataset
        let runs = dataset.runs.indices.map(row)
        let storage = dataset.runs.compactMap { StorageCaveat.runSentence(dataset, run: $0) }
        let warningLinks = runs.enumerated().filter { !$0.element.warnings.isEmpty }.map { index, run in
            OverviewModel.WarningLink(
                id: HTMLText(escaping: dataset.runs[index].id.rawValue), anchor: run.anchor,
                count: HTMLText(escaping: run.warnings.count == 1 ? "1 warning" : "\(run.warnings.count) warnings"))
        }
        return OverviewRuns(
            runs: runs, runHeaders: dataset.runs.map { .init(id: HTMLText(escaping: $0.displayLabel)) },
            otherEpsilons: context.reading.epsilons.dropFirst().map { HTMLText(escaping: NumberFormat.epsilon($0)) },
            hasControls: dataset.runs.contains { !($0.summary.controls ?? []).isEmpty },
            warningLinks: warningLinks,
            storageCaveats: storage.filter(\.isCaveat).map { HTMLText(escaping: $0.text) },
            storageNotes: storage.filter { !$0.isCaveat }.map { HTMLText(escaping: $0.text) })
    }

    /// The row of the run at `index` in `dataset.runs`.
    func row(_ index: Int) -> OverviewModel.Run {
        let dataset = context.dataset
        let run = dataset.runs[index]
        let epsilon = context.reading.epsilon
        let lora = run.lora
        let concentration = IntruderConcentration.of(run, atEpsilon: epsilon)
        let concentrationText = concentration?.sentence(epsilonText: NumberFormat.epsilon(epsilon))
        return OverviewModel.Run(
            id: run.id.rawValue, label: run.displayLabel, hasLabel: run.label != nil && run.label != run.id.rawValue,
            swatch: RunSwatch.html(context.reading.runStyles[index]),
            tags: RunFacts.tags(run), metrics: RunFacts.metrics(run),
            stack: [RunFacts.stack(run), PreviousStepText.summary(run, among: dataset.runs, epsilon: epsilon)]
                .filter { !$0.isEmpty }.joined(separator: "; "),
            otherIntruders: context.reading.epsilons.dropFirst().map { "\(run.intruders(atEpsilon: $0))" },
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
                .init(
                    name: HTMLText(escaping: $0.name), source: HTMLText(escaping: $0.source.rawValue),
                    reason: HTMLText(escaping: $0.reason))
            },
            analysed: "\(run.summary.analysedMatrices)", unchanged: "\(run.summary.unchangedMatrices)",
            intruders: Self.intrudersCell(run.summary.intruders, concentration, concentrationText),
            outsideSpan: "\(SpanCategory.outside(run, epsilon: epsilon))",
            isotropicControl: controlCell(run, .isotropic), lowRankControl: controlCell(run, .lowRank),
            meanEffectiveRank: meanRank(run), matricesWithIntruders: "\(run.matrices.filter { $0.intruders > 0 }.count)"
        )
    }

    /// A null control's intruders at the ε in force over the run's matrices, `–` when absent.
    func controlCell(_ run: FineTuneRun, _ kind: NullControlKind) -> HTMLText {
        let names = Set(context.dataset.base.matrices.map(\.name))
        return Aggregates.controlIntruders(run, names: names, kind: kind, epsilon: context.reading.epsilon).map {
            "\($0)"
        } ?? "–"
    }

    /// The run's mean effective rank, marked when near storage resolution.
    func meanRank(_ run: FineTuneRun) -> HTMLText {
        let rank = HTMLText(
            escaping: NumberFormat.optional(run.summary.meanEffectiveRank) { NumberFormat.fixed($0, 2) })
        return run.summary.nearStorageResolution == true ? rank + GroupPageSupport.markedRank : rank
    }

    /// A run's intruder count, with a visible mark (and the warning as its title) when one matrix
    /// holds at least half of them.
    static func intrudersCell(_ count: Int, _ concentration: IntruderConcentration?, _ warning: String?) -> HTMLText {
        guard let concentration, let warning else { return "\(count)" }
        return "\(count) <span class=\"warn\" title=\"\(warning)\">(⚠ \(concentration.count) in one matrix)</span>"
    }
}
