/// Values of `overview.md`. `String` fields are plain text, escaped by `{{…}}` for Markdown;
/// `HTMLText` fields are markup for `{{{…}}}` inside raw HTML blocks (escaped text, numbers, links
/// and complete `<figure>` blocks). The template names are given in `templateFields`.
struct OverviewModel: TemplateModel {
    /// Above this many matrices a site's overview table lists only the most telling ones
    /// (intruders first, then the largest relative change); module-type and layer pages list all.
    static let matrixTableLimit = 200
    /// Above this many layers the overview's layer list is set in columns.
    static let compactListLength = 24

    struct Parameter: TemplateModel {
        let label: String
        let value: String

        var templateFields: [String: TemplateValue] { ["label": .text(label), "value": .text(value)] }
    }

    struct Skipped: TemplateModel {
        let name: HTMLText
        let source: HTMLText
        let reason: HTMLText

        var templateFields: [String: TemplateValue] {
            ["nameHTML": .markup(name), "sourceHTML": .markup(source), "reasonHTML": .markup(reason)]
        }
    }

    struct Run: TemplateModel {
        let id: String
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
        let warnings: [String]
        let skipped: [Skipped]
        // Summary numbers.
        let analysed: HTMLText
        let unchanged: HTMLText
        /// Intruders at the chosen ε, summed over matrices.
        let intruders: HTMLText
        let meanEffectiveRank: HTMLText
        let matricesWithIntruders: HTMLText

        var templateFields: [String: TemplateValue] {
            [
                "id": .text(id), "idHTML": .markup(HTMLText(escaping: id)), "anchor": .markup(anchor), "kindLabel": .markup(kindLabel), "path": .text(path),
                "isLora": .flag(isLora), "loraR": .markup(loraR), "loraAlpha": .markup(loraAlpha),
                "loraScale": .markup(loraScale), "loraRslora": .text(loraRslora),
                "loraBase": .text(loraBase ?? ""), "hasLoraBase": .flag(loraBase != nil),
                "loraTargets": .text(loraTargets),
                "warnings": .list(warnings.map(TemplateValue.text)), "hasWarnings": .flag(!warnings.isEmpty),
                "skipped": .models(skipped), "skippedCount": .markup("\(skipped.count)"), "hasSkipped": .flag(!skipped.isEmpty),
                "analysed": .markup(analysed), "unchanged": .markup(unchanged), "intruders": .markup(intruders),
                "meanEffectiveRank": .markup(meanEffectiveRank), "matricesWithIntruders": .markup(matricesWithIntruders),
            ]
        }
    }

    struct Cell: TemplateModel {
        let intruders: HTMLText
        let effectiveRank: HTMLText
        let frobeniusDelta: HTMLText
        let relativeChange: HTMLText
        let isIntruder: Bool

        var templateFields: [String: TemplateValue] {
            [
                "intruders": .markup(intruders), "effectiveRank": .markup(effectiveRank),
                "frobeniusDelta": .markup(frobeniusDelta), "relativeChange": .markup(relativeChange),
                "isIntruder": .flag(isIntruder),
            ]
        }
    }

    struct Matrix: TemplateModel {
        let name: HTMLText
        /// Link to the matrix's detail (page or anchor); nil when it has none.
        let href: HTMLText?
        /// Random-direction baseline √(2 ln n / n) for the matrix's vector dimension n.
        let baseline: HTMLText
        let shape: HTMLText
        let layer: HTMLText
        let module: HTMLText
        let cells: [Cell]

        var templateFields: [String: TemplateValue] {
            [
                "nameHTML": .markup(name), "href": .markup(href ?? .empty), "hasHref": .flag(href != nil),
                "baseline": .markup(baseline), "shape": .markup(shape), "layer": .markup(layer),
                "moduleHTML": .markup(module), "cells": .models(cells),
            ]
        }
    }

    struct RunHeader: TemplateModel {
        let id: HTMLText

        var templateFields: [String: TemplateValue] { ["idHTML": .markup(id)] }
    }

    /// A link to a module-type or layer page, with totals at ε.
    struct GroupLink: TemplateModel {
        let name: HTMLText
        /// Nil when the group has no page (the single file).
        let href: HTMLText?
        let matrices: HTMLText
        /// Per run, `run: n` intruders at ε.
        let intruders: HTMLText

        var templateFields: [String: TemplateValue] {
            [
                "nameHTML": .markup(name), "href": .markup(href ?? .empty), "hasHref": .flag(href != nil),
                "matrices": .markup(matrices), "intrudersHTML": .markup(intruders),
            ]
        }
    }

    /// A random-direction baseline for one vector dimension.
    struct Baseline: TemplateModel {
        let dimension: HTMLText
        let value: HTMLText
        let matrices: HTMLText

        var templateFields: [String: TemplateValue] {
            ["dimension": .markup(dimension), "value": .markup(value), "matrices": .markup(matrices)]
        }
    }

    let baseName: String
    let basePath: String
    let matrixCount: String
    let runCount: String
    let fileCount: String
    let baseBytes: String
    /// The chosen ε as given (`NumberFormat.epsilon`).
    let epsilon: HTMLText
    let topK: HTMLText
    let parameters: [Parameter]
    let runs: [Run]
    let runHeaders: [RunHeader]
    let matrices: [Matrix]
    let epsilonFigure: HTMLText
    let rankFigure: HTMLText
    let rankHeatmapFigures: [HTMLText]
    /// Empty when there is no module type.
    let moduleEpsilonFigure: HTMLText
    let baselines: [Baseline]
    /// Empty when the fractions were not computed.
    let spectrumFigure: HTMLText
    let spectrumBuckets: String
    let changeHeatmapFigures: [HTMLText]
    let moduleLinks: [GroupLink]
    let layerLinks: [GroupLink]
    let toolVersion: String
    /// Set when the matrix table lists only some matrices (a long site): which, and where the
    /// others are listed.
    var matrixListNote = ""

    var templateFields: [String: TemplateValue] {
        [
            "baseName": .text(baseName), "basePath": .text(basePath), "matrixCount": .text(matrixCount),
            "runCount": .text(runCount), "fileCount": .text(fileCount), "baseBytes": .text(baseBytes),
            "epsilon": .markup(epsilon), "topK": .markup(topK), "parameters": .models(parameters),
            "runs": .models(runs), "runHeaders": .models(runHeaders),
            "matrices": .models(matrices), "hasMatrices": .flag(!matrices.isEmpty),
            "epsilonFigure": .markup(epsilonFigure), "rankFigure": .markup(rankFigure),
            "rankHeatmapFigures": .list(rankHeatmapFigures.map(TemplateValue.markup)),
            "moduleEpsilonFigure": .markup(moduleEpsilonFigure), "hasModuleEpsilon": .flag(!moduleEpsilonFigure.isEmpty),
            "baselines": .models(baselines), "hasBaselines": .flag(!baselines.isEmpty),
            "spectrumFigure": .markup(spectrumFigure), "hasSpectrum": .flag(!spectrumFigure.isEmpty),
            "spectrumBuckets": .text(spectrumBuckets), "notComputed": .text(GroupPageSupport.notComputedText),
            "changeHeatmapFigures": .list(changeHeatmapFigures.map(TemplateValue.markup)),
            "moduleLinks": .models(moduleLinks), "hasModuleLinks": .flag(!moduleLinks.isEmpty),
            "layerLinks": .models(layerLinks), "hasLayerLinks": .flag(!layerLinks.isEmpty),
            "toolVersion": .text(toolVersion),
            "matrixListNote": .text(matrixListNote), "hasMatrixListNote": .flag(!matrixListNote.isEmpty),
            "manyLayers": .flag(layerLinks.count > OverviewModel.compactListLength),
        ]
    }
}
