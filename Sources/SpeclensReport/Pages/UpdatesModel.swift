/// Values of `updates.md`: the random-direction probe, where LoRA updates point, and mitigated
/// adapters (plain text through `{{…}}`, figures as HTML).
struct UpdatesModel: TemplateModel {
    /// A table row: its cells as text, escaped for HTML here (the template puts them in `<td>`s).
    struct Row: TemplateModel {
        let cells: [String]

        var templateFields: [String: TemplateValue] {
            ["cells": .list(cells.map { .markup(HTMLText(escaping: $0)) })]
        }
    }

    struct Mitigation: TemplateModel {
        let run, source, topK, epsilon, lambda, changedModules, modules: String
        let rows: [Row]
        let original: String?
        let readingEpsilon: String
        let changes: [Row]

        var templateFields: [String: TemplateValue] {
            [
                "run": .text(run), "source": .text(source), "topK": .text(topK), "epsilon": .text(epsilon),
                "lambda": .text(lambda), "changedModules": .text(changedModules), "modules": .text(modules),
                "rows": .models(rows), "hasComparison": .flag(original != nil), "original": .text(original ?? ""),
                "readingEpsilon": .text(readingEpsilon), "changes": .models(changes),
            ]
        }
    }

    let probeReading: String?
    let probeIntrudersFigure: HTMLText
    let probeCosineFigure: HTMLText
    let lowRankRows: [Row]
    let alignmentFigure: HTMLText
    let mitigations: [Mitigation]

    /// Whether the page has anything to show.
    var isEmpty: Bool { probeReading == nil && lowRankRows.isEmpty && mitigations.isEmpty }

    var templateFields: [String: TemplateValue] {
        [
            "hasProbe": .flag(probeReading != nil), "probeReading": .text(probeReading ?? ""),
            "probeIntrudersFigure": .markup(probeIntrudersFigure), "probeCosineFigure": .markup(probeCosineFigure),
            "hasLowRank": .flag(!lowRankRows.isEmpty), "lowRankRows": .models(lowRankRows),
            "alignmentFigure": .markup(alignmentFigure),
            "hasMitigation": .flag(!mitigations.isEmpty), "mitigations": .models(mitigations),
        ]
    }
}
