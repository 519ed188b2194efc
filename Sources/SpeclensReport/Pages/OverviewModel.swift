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
                "id": .text(id), "idHTML": .markup(HTMLText(escaping: id)), "anchor": .markup(anchor), "kindLabel": .markup(kindLabel), "path": .text(path),
                "label": .text(label), "labelHTML": .markup(HTMLText(escaping: label)), "hasLabel": .flag(hasLabel),
                "swatch": .markup(swatch), "tags": .text(tags), "hasTags": .flag(!tags.isEmpty),
                "metrics": .text(metrics), "hasMetrics": .flag(!metrics.isEmpty), "stack": .text(stack), "hasStack": .flag(!stack.isEmpty),
                "otherIntruders": .list(otherIntruders.map(TemplateValue.markup)),
                "isLora": .flag(isLora), "loraR": .markup(loraR), "loraAlpha": .markup(loraAlpha),
                "loraScale": .markup(loraScale), "loraRslora": .text(loraRslora),
                "loraBase": .text(loraBase ?? ""), "hasLoraBase": .flag(loraBase != nil),
                "loraTargets": .text(loraTargets),
                "warnings": .list(warnings.map(TemplateValue.text)), "hasWarnings": .flag(!warnings.isEmpty),
                "warningsHTML": .list(warnings.map { .markup(HTMLText(escaping: $0)) }),
                "notes": .list(notes.map(TemplateValue.text)), "hasNotes": .flag(!notes.isEmpty),
                "notesHTML": .list(notes.map { .markup(HTMLText(escaping: $0)) }),
                "skipped": .models(skipped), "skippedCount": .markup("\(skipped.count)"), "hasSkipped": .flag(!skipped.isEmpty),
                "analysed": .markup(analysed), "unchanged": .markup(unchanged), "intruders": .markup(intruders),
                "outsideSpan": .markup(outsideSpan), "isotropicControl": .markup(isotropicControl),
                "lowRankControl": .markup(lowRankControl),
                "meanEffectiveRank": .markup(meanEffectiveRank), "matricesWithIntruders": .markup(matricesWithIntruders),
            ]
        }
    }

    struct Cell: TemplateModel {
        let intruders: HTMLText
        /// The effective rank, with the near-storage-resolution mark where flagged.
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
        /// The matrix's random-direction baseline (its expected max |cos|, three decimals).
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

    /// A link to a side-by-side page.
    struct CompareLink: TemplateModel {
        let name: HTMLText
        let href: HTMLText

        var templateFields: [String: TemplateValue] { ["nameHTML": .markup(name), "href": .markup(href)] }
    }

    /// A random-direction baseline for one shape class (n, p).
    struct Baseline: TemplateModel {
        /// The dimension n of the compared space.
        let dimension: HTMLText
        /// `n = 384` or `n = 1536, p = 384`.
        let shape: HTMLText
        let value: HTMLText
        /// The 95th percentile, empty in older datasets.
        let percentile95: HTMLText
        let matrices: HTMLText

        var templateFields: [String: TemplateValue] {
            ["dimension": .markup(dimension), "shape": .markup(shape), "value": .markup(value),
             "percentile95": .markup(percentile95), "hasPercentile": .flag(!percentile95.isEmpty),
             "matrices": .markup(matrices)]
        }
    }

    /// A run with warnings, linked from the box at the top of the overview.
    struct WarningLink: TemplateModel {
        let id: HTMLText
        let anchor: HTMLText
        let count: HTMLText

        var templateFields: [String: TemplateValue] {
            ["idHTML": .markup(id), "anchor": .markup(anchor), "count": .markup(count)]
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
    /// The reading ε's after the one in force (a column each in the runs table).
    let otherEpsilons: [HTMLText]
    /// Intruders at the ε in force by layer and module, one map per run on one colour scale.
    let intruderMapFigures: [HTMLText]
    /// The runs compared as an experiment (`ExperimentFigures`); empty when the dataset has no
    /// tag, metric or stack to compare by.
    let experimentFigures: [HTMLText]
    let matrices: [Matrix]
    let epsilonFigure: HTMLText
    let rankFigure: HTMLText
    let rankHeatmapFigures: [HTMLText]
    /// Empty when there is no module type.
    let moduleEpsilonFigure: HTMLText
    let baselines: [Baseline]
    /// The same as one `<span class="baseline">` per shape class, separated by semicolons.
    let baselineList: HTMLText
    /// How the baselines were obtained (`RandomBaseline.methodText`).
    let baselineMethod: HTMLText
    /// Computed statements for the "how to read" box (`OverviewReading`).
    let epsilonReading: HTMLText
    let baselineReading: HTMLText
    let rankReading: HTMLText
    /// What the grey control curves mean, or why there are none (`NullControlText`).
    let controlsText: HTMLText
    /// Whether the runs table has the null-control columns (some run has controls).
    let hasControls: Bool
    /// The span category's explanation, empty when no matrix records span fractions.
    let spanText: HTMLText
    /// Run-level caveats and notes on effective ranks near storage resolution.
    let storageCaveats: [HTMLText]
    let storageNotes: [HTMLText]
    /// Whether a matrices table cell carries `StorageCaveat.mark`.
    let hasMarkedRanks: Bool
    /// Runs with warnings, for the box at the top.
    let warningLinks: [WarningLink]
    /// Empty when the fractions were not computed.
    let spectrumFigure: HTMLText
    let spectrumBuckets: String
    let changeHeatmapFigures: [HTMLText]
    let moduleLinks: [GroupLink]
    /// Links to the side-by-side pages (runs as columns) of module types and layers; empty when
    /// there are none.
    let compareModuleLinks: [CompareLink]
    let compareLayerLinks: [CompareLink]
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
            "otherEpsilons": .list(otherEpsilons.map(TemplateValue.markup)), "hasOtherEpsilons": .flag(!otherEpsilons.isEmpty),
            "intruderMapFigures": .list(intruderMapFigures.map(TemplateValue.markup)),
            "experimentFigures": .list(experimentFigures.map(TemplateValue.markup)), "hasExperimentFigures": .flag(!experimentFigures.isEmpty),
            "matrices": .models(matrices), "hasMatrices": .flag(!matrices.isEmpty),
            "epsilonFigure": .markup(epsilonFigure), "rankFigure": .markup(rankFigure),
            "rankHeatmapFigures": .list(rankHeatmapFigures.map(TemplateValue.markup)),
            "moduleEpsilonFigure": .markup(moduleEpsilonFigure), "hasModuleEpsilon": .flag(!moduleEpsilonFigure.isEmpty),
            "baselines": .models(baselines), "hasBaselines": .flag(!baselines.isEmpty),
            "baselineList": .markup(baselineList),
            "baselineMethod": .markup(baselineMethod), "epsilonReading": .markup(epsilonReading),
            "baselineReading": .markup(baselineReading), "rankReading": .markup(rankReading),
            "controlsText": .markup(controlsText), "hasControls": .flag(hasControls),
            "spanText": .markup(spanText), "hasSpan": .flag(!spanText.isEmpty),
            "storageCaveats": .list(storageCaveats.map(TemplateValue.markup)),
            "storageNotes": .list(storageNotes.map(TemplateValue.markup)),
            "hasStorageRemarks": .flag(!storageCaveats.isEmpty || !storageNotes.isEmpty),
            "hasMarkedRanks": .flag(hasMarkedRanks), "storageMark": .markup(HTMLText(escaping: StorageCaveat.mark)),
            "warningLinks": .models(warningLinks), "hasWarningLinks": .flag(!warningLinks.isEmpty),
            "spectrumFigure": .markup(spectrumFigure), "hasSpectrum": .flag(!spectrumFigure.isEmpty),
            "spectrumBuckets": .text(spectrumBuckets), "notComputed": .text(GroupPageSupport.notComputedText),
            "changeHeatmapFigures": .list(changeHeatmapFigures.map(TemplateValue.markup)),
            "moduleLinks": .models(moduleLinks), "hasModuleLinks": .flag(!moduleLinks.isEmpty),
            "compareModuleLinks": .models(compareModuleLinks), "compareLayerLinks": .models(compareLayerLinks),
            "hasCompareLinks": .flag(!compareModuleLinks.isEmpty || !compareLayerLinks.isEmpty),
            "layerLinks": .models(layerLinks), "hasLayerLinks": .flag(!layerLinks.isEmpty),
            "toolVersion": .text(toolVersion),
            "matrixListNote": .text(matrixListNote), "hasMatrixListNote": .flag(!matrixListNote.isEmpty),
            "manyLayers": .flag(layerLinks.count > OverviewModel.compactListLength),
        ]
    }
}
