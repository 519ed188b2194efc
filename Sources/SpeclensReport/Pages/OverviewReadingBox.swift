import SpeclensDataset

/// The computed statements of the overview's "how to read" box (`OverviewReading`), what the grey
/// control curves mean and the span category's explanation (part of `OverviewModel`).
struct OverviewReadingBox: TemplateModel {
    let epsilonReading: HTMLText
    let baselineReading: HTMLText
    let rankReading: HTMLText
    /// What the grey control curves mean, or why there are none (`NullControlText`).
    let controlsText: HTMLText
    /// The span category's explanation, empty when no matrix records span fractions.
    let spanText: HTMLText

    /// The statements on `dataset` read at `epsilon`, the ε in force.
    static func make(_ dataset: SpectralDataset, epsilon: Double) -> OverviewReadingBox {
        OverviewReadingBox(
            epsilonReading: HTMLText(escaping: OverviewReading.epsilonCurve(dataset, epsilon: epsilon)),
            baselineReading: HTMLText(escaping: OverviewReading.baselines(dataset)),
            rankReading: HTMLText(escaping: OverviewReading.effectiveRank(dataset) ?? ""),
            controlsText: HTMLText(escaping: NullControlText.sentence(dataset)),
            spanText: SpanCategory.applies(dataset) ? HTMLText(escaping: SpanCategory.sentence(dataset)) : .empty)
    }

    var templateFields: [String: TemplateValue] {
        [
            "epsilonReading": .markup(epsilonReading), "baselineReading": .markup(baselineReading),
            "rankReading": .markup(rankReading), "controlsText": .markup(controlsText),
            "spanText": .markup(spanText), "hasSpan": .flag(!spanText.isEmpty),
        ]
    }
}
