/// The overview's charts as `<figure>` blocks (part of `OverviewModel`).
struct OverviewFigures: TemplateModel {
    let epsilonFigure: HTMLText
    let rankFigure: HTMLText
    /// Each run's effective ranks by layer and module.
    let rankHeatmapFigures: [HTMLText]
    /// Intruders at the ε in force by layer and module, one map per run on one colour scale.
    let intruderMapFigures: [HTMLText]
    /// The runs compared as an experiment (`ExperimentFigures`); empty when the dataset has no
    /// tag, metric or stack to compare by.
    let experimentFigures: [HTMLText]
    /// Each run's relative change by layer and module, on one colour scale.
    let changeHeatmapFigures: [HTMLText]
    /// The maps of catalogued measures that have a section of their own, in catalogue order.
    let measureSections: [MeasureSection]
    /// Empty when there is no module type.
    let moduleEpsilonFigure: HTMLText
    /// Empty when the fractions were not computed.
    let spectrumFigure: HTMLText
    /// How the spectrum's buckets are formed (`GroupPageSupport.bucketText`).
    let spectrumBuckets: String

    var templateFields: [String: TemplateValue] {
        [
            "epsilonFigure": .markup(epsilonFigure), "rankFigure": .markup(rankFigure),
            "rankHeatmapFigures": .list(rankHeatmapFigures.map(TemplateValue.markup)),
            "intruderMapFigures": .list(intruderMapFigures.map(TemplateValue.markup)),
            "experimentFigures": .list(experimentFigures.map(TemplateValue.markup)),
            "hasExperimentFigures": .flag(!experimentFigures.isEmpty),
            "changeHeatmapFigures": .list(changeHeatmapFigures.map(TemplateValue.markup)),
            "measureSections": .models(measureSections, prototype: MeasureSection(title: "", figures: [])),
            "moduleEpsilonFigure": .markup(moduleEpsilonFigure),
            "hasModuleEpsilon": .flag(!moduleEpsilonFigure.isEmpty),
            "spectrumFigure": .markup(spectrumFigure), "hasSpectrum": .flag(!spectrumFigure.isEmpty),
            "spectrumBuckets": .text(spectrumBuckets), "notComputed": .text(GroupPageSupport.notComputedText),
        ]
    }
}

extension OverviewFigures {
    /// A catalogued measure's heat maps under a heading of their own.
    struct MeasureSection: TemplateModel {
        let title: String
        let figures: [HTMLText]

        var templateFields: [String: TemplateValue] {
            ["title": .text(title), "figures": .list(figures.map(TemplateValue.markup))]
        }
    }
}
