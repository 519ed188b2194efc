import SpeclensDataset

/// The overview's facts on the base model, the ε in force and the tool (part of `OverviewModel`).
struct OverviewFacts: TemplateModel {
    let baseName: String
    let basePath: String
    let matrixCount: String
    let runCount: String
    let fileCount: String
    /// The base's size in MB, four significant digits.
    let baseBytes: String
    /// The ε in force as given (`NumberFormat.epsilon`).
    let epsilon: HTMLText
    let topK: HTMLText
    let toolVersion: String

    /// The facts of `context`'s dataset read at its ε in force.
    static func make(_ context: SiteContext) -> OverviewFacts {
        let dataset = context.dataset
        return OverviewFacts(
            baseName: dataset.base.name, basePath: dataset.base.path,
            matrixCount: String(dataset.base.matrices.count), runCount: String(dataset.runs.count),
            fileCount: String(dataset.base.files.count),
            baseBytes: NumberFormat.significant(Double(dataset.base.files.reduce(0) { $0 + $1.bytes }) / 1e6, 4),
            epsilon: HTMLText(escaping: NumberFormat.epsilon(context.reading.epsilon)),
            topK: "\(dataset.parameters.topK)", toolVersion: dataset.tool.version)
    }

    var templateFields: [String: TemplateValue] {
        [
            "baseName": .text(baseName), "basePath": .text(basePath), "matrixCount": .text(matrixCount),
            "runCount": .text(runCount), "fileCount": .text(fileCount), "baseBytes": .text(baseBytes),
            "epsilon": .markup(epsilon), "topK": .markup(topK), "toolVersion": .text(toolVersion),
        ]
    }
}
