/// Values of `overview.md`, made of parts that each builder of the overview makes
/// (`RenderOverviewPage`). `String` fields are plain text, escaped by `{{…}}` for Markdown;
/// `HTMLText` fields are markup for `{{{…}}}` inside raw HTML blocks (escaped text, numbers, links
/// and complete `<figure>` blocks). The template names are given in each part's `templateFields`;
/// no two parts share a name.
struct OverviewModel: TemplateModel {
    /// Above this many matrices a site's overview table lists only the most telling ones
    /// (intruders first, then the largest relative change); module-type and layer pages list all.
    static let matrixTableLimit = 200
    /// Above this many layers the overview's layer list is set in columns.
    static let compactListLength = 24

    /// The base model, the ε in force and the tool (`OverviewFacts.make`).
    let facts: OverviewFacts
    /// The analysis settings in words (`OverviewParametersBuilder`).
    let parameters: [Parameter]
    /// The runs table and list (`OverviewRunsBuilder`).
    let runs: OverviewRuns
    /// Every chart of the overview (`OverviewFiguresBuilder`).
    let figures: OverviewFigures
    /// The random-direction baselines (`OverviewBaselines.make`).
    let baselines: OverviewBaselines
    /// The computed statements of the "how to read" box (`OverviewReadingBox.make`).
    let reading: OverviewReadingBox
    /// The matrices table (`OverviewMatrixTableBuilder`).
    let matrixTable: OverviewMatrixTable
    /// Links to the module-type, layer and side-by-side pages (`OverviewGroupLinksBuilder`).
    let groupLinks: OverviewGroupLinks

    var templateFields: [String: TemplateValue] {
        let parts: [any TemplateModel] = [facts, runs, figures, baselines, reading, matrixTable, groupLinks]
        return parts.reduce(["parameters": .models(parameters)]) { fields, part in
            fields.merging(part.templateFields) { first, _ in first }
        }
    }
}
