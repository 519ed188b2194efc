import SpeclensDataset

/// Values of `matrix.md` (same naming rules as `OverviewModel`).
struct MatrixModel {
    struct Number {
        let label: String
        let value: String
    }

    struct Run {
        let id: String
        let kindLabel: String
        let analysed: Bool
        let tunedName: String
        let matchedBy: String
        let changed: Bool
        let numbers: [Number]
        let epsilonGrid: String
        let intruderList: String
        let hasIntruders: Bool
        let similarityFigure: String
        let maxCosineFigure: String
        let spectrumFigure: String
    }

    let name: String
    let nameHTML: String
    let shape: String
    let layer: String
    let module: String
    /// The stored orientation in words.
    let orientation: String
    /// A remark from the analysis (e.g. a fused projection analysed as one matrix).
    let note: String
    let hasNote: Bool
    let moduleHref: String
    let hasModuleHref: Bool
    let layerHref: String
    let hasLayerHref: Bool
    /// Links to the overview and neighbours (not in the single file).
    let hasNav: Bool
    /// Intruders-across-the-spectrum figure (one line per run), empty when not computed.
    let bucketsFigure: String
    let hasBuckets: Bool
    let bucketText: String
    let notComputed = GroupPageSupport.notComputedText
    let side: String
    let vectorDimension: String
    let topK: String
    let similarityTopN: String
    let baseline: String
    let frobeniusNorm: String
    let epsilon: String
    let runs: [Run]
    let hasRuns: Bool
    let previousHref: String
    let previousName: String
    let hasPrevious: Bool
    let nextHref: String
    let nextName: String
    let hasNext: Bool

    /// `out_in` → words, etc.; an unknown value is shown as recorded.
    static func orientationText(_ orientation: MatrixOrientation) -> String {
        switch orientation {
        case .outIn: return "out_in (nn.Linear [out, in], analysed as stored)"
        case .inOut: return "in_out (Conv1D [in, out], analysed transposed)"
        case .embedding: return "embedding ([vocab, dim], analysed transposed)"
        }
    }
}
