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
}
