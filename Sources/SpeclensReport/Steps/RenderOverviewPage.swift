import SpeclensDataset

/// Renders `index.html` from `overview.md`, with the overview charts: each part of the page's
/// model is made by its own builder.
struct RenderOverviewPage: SiteStep {
    let name = "Render overview page"

    func run(in context: inout SiteContext) throws {
        let model = try Self.model(in: &context)
        try context.addPage(
            template: "overview.md", model: model, title: "Spectral report: \(context.dataset.base.name)", at: .overview
        )
    }

    /// The overview's model; its charts are added to `context` on the way.
    static func model(in context: inout SiteContext) throws -> OverviewModel {
        let figures = try OverviewFiguresBuilder().make(in: &context)
        return OverviewModel(
            facts: OverviewFacts.make(context),
            parameters: OverviewParametersBuilder(context: context).make(),
            runs: OverviewRunsBuilder(context: context).make(),
            figures: figures,
            baselines: OverviewBaselines.make(context.dataset.base.matrices),
            reading: OverviewReadingBox.make(context.dataset, epsilon: context.reading.epsilon),
            matrixTable: OverviewMatrixTableBuilder(context: context).make(),
            groupLinks: OverviewGroupLinksBuilder(context: context).make())
    }
}
