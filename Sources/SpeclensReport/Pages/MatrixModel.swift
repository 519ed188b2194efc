import SpeclensDataset

/// Values of `matrix.md` (same typing rules as `OverviewModel`).
struct MatrixModel: TemplateModel {
    /// One row of a run's numbers table.
    struct Number: TemplateModel {
        let label: HTMLText
        let value: HTMLText

        var templateFields: [String: TemplateValue] { ["label": .markup(label), "value": .markup(value)] }
    }

    /// What a run's section shows when the run analysed the matrix.
    struct Analysis {
        let tunedName: String
        let matchedBy: String
        let changed: Bool
        let numbers: [Number]
        let epsilonGrid: String
        /// Intruder ranks, empty when there are none.
        let intruderList: String
        /// Which intruders and other top-k vectors leave the pre-trained span, empty when none do.
        let spanList: String
        /// The near-storage-resolution caveat on the effective rank, empty when not flagged.
        let storageCaveat: String
        /// Empty when there is no similarity matrix.
        let similarityFigure: HTMLText
        /// Empty when there are no max |cos| values.
        let maxCosineFigure: HTMLText
        let spectrumFigure: HTMLText
    }

    /// A run's section: its analysis of the matrix, or nil when the run did not analyse it.
    struct Run: TemplateModel {
        let id: String
        let kindLabel: String
        /// The run's label (`FineTuneRun.displayLabel`), its section's id and line sample.
        let label: String
        let anchor: String
        let swatch: HTMLText
        let analysis: Analysis?

        var templateFields: [String: TemplateValue] {
            [
                "id": .text(id), "kindLabel": .text(kindLabel), "analysed": .flag(analysis != nil),
                "label": .text(label), "labelHTML": .markup(HTMLText(escaping: label)),
                "anchorHTML": .markup(HTMLText(escaping: anchor)),
                "swatch": .markup(swatch),
                "tunedName": .text(analysis?.tunedName ?? ""), "matchedBy": .text(analysis?.matchedBy ?? ""),
                "changed": .flag(analysis?.changed ?? false), "numbers": .models(analysis?.numbers ?? []),
                "epsilonGrid": .text(analysis?.epsilonGrid ?? ""), "intruderList": .text(analysis?.intruderList ?? ""),
                "hasIntruders": .flag(!(analysis?.intruderList.isEmpty ?? true)),
                "spanList": .text(analysis?.spanList ?? ""),
                "hasSpanList": .flag(!(analysis?.spanList.isEmpty ?? true)),
                "storageCaveat": .text(analysis?.storageCaveat ?? ""),
                "hasStorageCaveat": .flag(!(analysis?.storageCaveat.isEmpty ?? true)),
                "similarityFigure": .markup(analysis?.similarityFigure ?? .empty),
                "maxCosineFigure": .markup(analysis?.maxCosineFigure ?? .empty),
                "spectrumFigure": .markup(analysis?.spectrumFigure ?? .empty),
            ]
        }
    }

    let name: String
    let shape: String
    let layer: String
    let module: String
    /// The stored orientation in words.
    let orientation: String
    /// A remark from the analysis (e.g. a fused projection analysed as one matrix).
    let note: String?
    /// Nil when module types have no pages (the single file).
    let moduleHref: String?
    /// Nil when the matrix has no layer or layers have no pages.
    let layerHref: String?
    /// Links to the overview and neighbours (not in the single file).
    let hasNav: Bool
    /// Intruders-across-the-spectrum figure (one line per run), empty when not computed.
    let bucketsFigure: HTMLText
    let bucketText: String
    let side: String
    let vectorDimension: String
    let topK: String
    let similarityTopN: String
    /// The random-direction baseline with its 95th percentile (`RandomBaseline.valueText`).
    let baseline: String
    /// How the baseline was obtained, for p vectors in dimension n (`RandomBaseline.methodText`).
    let baselineMethod: String
    let vectorCount: String
    /// Storage format of W0 (`F32` …), nil in datasets that do not record it.
    let dtype: String?
    /// Why a fine-tuned vector can leave the span here, nil when it cannot (n = p).
    let spanText: String?
    /// What the grey control curves mean, or why there are none (`NullControlText`).
    let controlsText: String
    let frobeniusNorm: String
    /// The chosen ε as given (`NumberFormat.epsilon`).
    let epsilon: String
    let runs: [Run]
    /// One tile per run with a similarity heat map, for the grid of them all (empty: no grid).
    let similarityGrid: [Tile]
    /// The neighbouring matrices: name and link.
    let previous: (name: String, href: String)?
    let next: (name: String, href: String)?

    var templateFields: [String: TemplateValue] {
        [
            "name": .text(name), "nameHTML": .markup(HTMLText(escaping: name)), "shape": .text(shape),
            "layer": .text(layer), "module": .text(module), "orientation": .text(orientation),
            "note": .text(note ?? ""), "hasNote": .flag(note != nil),
            "moduleHref": .text(moduleHref ?? ""), "hasModuleHref": .flag(moduleHref != nil),
            "layerHref": .text(layerHref ?? ""), "hasLayerHref": .flag(layerHref != nil), "hasNav": .flag(hasNav),
            "bucketsFigure": .markup(bucketsFigure), "hasBuckets": .flag(!bucketsFigure.isEmpty),
            "bucketText": .text(bucketText), "notComputed": .text(GroupPageSupport.notComputedText),
            "side": .text(side), "vectorDimension": .text(vectorDimension), "topK": .text(topK),
            "similarityTopN": .text(similarityTopN), "baseline": .text(baseline), "frobeniusNorm": .text(frobeniusNorm),
            "baselineMethod": .text(baselineMethod), "vectorCount": .text(vectorCount),
            "dtype": .text(dtype ?? "not recorded"),
            "spanText": .text(spanText ?? ""), "hasSpanText": .flag(spanText != nil),
            "controlsText": .text(controlsText),
            "epsilon": .text(epsilon), "runs": .models(runs), "hasRuns": .flag(!runs.isEmpty),
            "hasRunPicker": .flag(runs.count > 1),
            "similarityGrid": .models(similarityGrid), "hasSimilarityGrid": .flag(similarityGrid.count > 1),
            "previousHref": .text(previous?.href ?? ""), "previousName": .text(previous?.name ?? ""),
            "hasPrevious": .flag(previous != nil),
            "nextHref": .text(next?.href ?? ""), "nextName": .text(next?.name ?? ""), "hasNext": .flag(next != nil),
        ]
    }

    /// A run's similarity heat map in the grid: linked to the run's section.
    struct Tile: TemplateModel {
        let label: String
        let anchor: String
        let swatch: HTMLText
        /// The heat map: an `<img>` of its SVG file, or the inline SVG when there are no files.
        let image: HTMLText

        var templateFields: [String: TemplateValue] {
            [
                "labelHTML": .markup(HTMLText(escaping: label)), "anchorHTML": .markup(HTMLText(escaping: anchor)),
                "swatch": .markup(swatch), "image": .markup(image),
            ]
        }
    }

    /// `out_in` → words, etc.
    static func orientationText(_ orientation: MatrixOrientation) -> String {
        switch orientation {
        case .outIn: return "out_in (nn.Linear [out, in], analysed as stored)"
        case .inOut: return "in_out (Conv1D [in, out], analysed transposed)"
        case .embedding: return "embedding ([vocab, dim], analysed transposed)"
        }
    }
}
