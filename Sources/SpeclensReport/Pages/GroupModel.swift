/// Values of `group.md`: a module-type or a layer page (same typing rules as `OverviewModel`).
struct GroupModel: TemplateModel {
    /// `module type` or `layer`.
    let kind: String
    let kindPlural: String
    /// Anchor of the list on the overview (`by-module`, `by-layer`).
    let anchor: String
    let name: String
    /// The group's side-by-side page (runs as columns); nil when there is none.
    let compareHref: String?
    let matrixCount: String
    let runCount: String
    /// The chosen ε as given (`NumberFormat.epsilon`).
    let epsilon: String
    /// Per run, `run: n` intruders at ε over the group's matrices.
    let intruders: String
    let epsilonFigure: HTMLText
    /// What the grey control curves mean, or why there are none (`NullControlText`).
    let controlsText: HTMLText
    /// Empty when the fractions were not computed.
    let spectrumFigure: HTMLText
    let bucketText: String
    let runHeaders: [OverviewModel.RunHeader]
    let matrices: [OverviewModel.Matrix]
    /// Whether a table cell carries `StorageCaveat.mark`.
    let hasMarkedRanks: Bool
    /// The previous and next group of the same kind: name and link.
    let previous: (name: String, href: String)?
    let next: (name: String, href: String)?

    var templateFields: [String: TemplateValue] {
        [
            "kind": .text(kind), "kindPlural": .text(kindPlural), "anchor": .text(anchor), "name": .text(name),
            "compareHref": .text(compareHref ?? ""), "hasCompareHref": .flag(compareHref != nil),
            "matrixCount": .text(matrixCount), "runCount": .text(runCount), "epsilon": .text(epsilon),
            "intruders": .text(intruders), "epsilonFigure": .markup(epsilonFigure),
            "controlsText": .markup(controlsText),
            "hasMarkedRanks": .flag(hasMarkedRanks), "storageMark": .markup(HTMLText(escaping: StorageCaveat.mark)),
            "spectrumFigure": .markup(spectrumFigure), "hasSpectrum": .flag(!spectrumFigure.isEmpty),
            "bucketText": .text(bucketText), "notComputed": .text(GroupPageSupport.notComputedText),
            "runHeaders": .models(runHeaders), "matrices": .models(matrices),
            "previousHref": .text(previous?.href ?? ""), "previousName": .text(previous?.name ?? ""),
            "hasPrevious": .flag(previous != nil),
            "nextHref": .text(next?.href ?? ""), "nextName": .text(next?.name ?? ""), "hasNext": .flag(next != nil),
        ]
    }
}
