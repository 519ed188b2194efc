extension OverviewModel {
    struct Run: TemplateModel {
        let id: String
        /// The label shown (`FineTuneRun.displayLabel`).
        let label: String
        /// Whether the label differs from the id (the id is then listed too).
        let hasLabel: Bool
        /// The run's line sample, as in the charts.
        let swatch: HTMLText
        /// Tags, supplied metrics and stack in words (`RunFacts`); empty when none.
        let tags: String
        let metrics: String
        let stack: String
        /// Intruders at each reading ε after the one in force.
        let otherIntruders: [HTMLText]
        let anchor: HTMLText
        /// A fixed label (`full fine-tune`, `LoRA adapter`), shown in the table and the list.
        let kindLabel: HTMLText
        let path: String
        let isLora: Bool
        /// LoRA numbers, shown in the table and the list (digits need no escaping in either).
        let loraR: HTMLText
        let loraAlpha: HTMLText
        let loraScale: HTMLText
        let loraRslora: String
        let loraBase: String?
        let loraTargets: String
        /// Things a reader must know to read the run's numbers (dataset text).
        let warnings: [String]
        /// Remarks that do not question the numbers (dataset text).
        let notes: [String]
        let skipped: [Skipped]
        // Summary numbers.
        let analysed: HTMLText
        let unchanged: HTMLText
        /// Intruders at the chosen ε, summed over matrices.
        let intruders: HTMLText
        /// Of those, the intruders that leave the pre-trained span (`SpanCategory`).
        let outsideSpan: HTMLText
        /// The null controls' intruders at the chosen ε over the run's matrices, `–` when absent.
        let isotropicControl: HTMLText
        let lowRankControl: HTMLText
        /// With `StorageCaveat.mark` when the run is near storage resolution.
        let meanEffectiveRank: HTMLText
        let matricesWithIntruders: HTMLText

        var templateFields: [String: TemplateValue] {
            [
                "id": .text(id), "idHTML": .markup(HTMLText(escaping: id)), "anchor": .markup(anchor),
                "kindLabel": .markup(kindLabel), "path": .text(path),
                "label": .text(label), "labelHTML": .markup(HTMLText(escaping: label)), "hasLabel": .flag(hasLabel),
                "swatch": .markup(swatch), "tags": .text(tags), "hasTags": .flag(!tags.isEmpty),
                "metrics": .text(metrics), "hasMetrics": .flag(!metrics.isEmpty), "stack": .text(stack),
                "hasStack": .flag(!stack.isEmpty),
                "otherIntruders": .list(otherIntruders.map(TemplateValue.markup)),
                "isLora": .flag(isLora), "loraR": .markup(loraR), "loraAlpha": .markup(loraAlpha),
                "loraScale": .markup(loraScale), "loraRslora": .text(loraRslora),
                "loraBase": .text(loraBase ?? ""), "hasLoraBase": .flag(loraBase != nil),
                "loraTargets": .text(loraTargets),
                "warnings": .list(warnings.map(TemplateValue.text)), "hasWarnings": .flag(!warnings.isEmpty),
                "warningsHTML": .list(warnings.map { .markup(HTMLText(escaping: $0)) }),
                "notes": .list(notes.map(TemplateValue.text)), "hasNotes": .flag(!notes.isEmpty),
                "notesHTML": .list(notes.map { .markup(HTMLText(escaping: $0)) }),
                "skipped": .models(skipped), "skippedCount": .markup("\(skipped.count)"),
                "hasSkipped": .flag(!skipped.isEmpty),
                "analysed": .markup(analysed), "unchanged": .markup(unchanged), "intruders": .markup(intruders),
                "outsideSpan": .markup(outsideSpan), "isotropicControl": .markup(isotropicControl),
                "lowRankControl": .markup(lowRankControl),
                "meanEffectiveRank": .markup(meanEffectiveRank),
                "matricesWithIntruders": .markup(matricesWithIntruders),
            ]
        }
    }
}
