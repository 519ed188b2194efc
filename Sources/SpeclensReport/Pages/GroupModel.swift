/// Values of `group.md`: a module-type or a layer page (same naming rules as `OverviewModel`).
struct GroupModel {
    /// `module type` or `layer`.
    let kind: String
    let kindPlural: String
    /// Anchor of the list on the overview (`by-module`, `by-layer`).
    let anchor: String
    let name: String
    let matrixCount: String
    let runCount: String
    let epsilon: String
    /// Plain text (Markdown-escaped by the template).
    let intruders: String
    let epsilonFigure: String
    let spectrumFigure: String
    let hasSpectrum: Bool
    let bucketText: String
    let notComputed = GroupPageSupport.notComputedText
    let runHeaders: [OverviewModel.RunHeader]
    let matrices: [OverviewModel.Matrix]
    let previousHref: String
    let previousName: String
    let hasPrevious: Bool
    let nextHref: String
    let nextName: String
    let hasNext: Bool
}
