import SpeclensDataset

/// Renders the detail of each base matrix that the layout details (`matrices/<slug>.html`, from
/// `matrix.md`) with, for each run, the similarity heat map, the max-|cos| bars, the spectra and
/// the numbers (`MatrixPageBuilder`).
struct RenderMatrixPages: SiteStep {
    let name = "Render matrix pages"

    func run(in context: inout SiteContext) throws {
        for (index, base) in context.dataset.base.matrices.enumerated() where context.layout.hasDetail(index) {
            let model = try MatrixPageBuilder(matrix: index).make(in: &context)
            try context.addPage(template: "matrix.md", model: model, title: base.name, at: context.matrixPage(index))
        }
    }
}
