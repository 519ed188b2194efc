import SpeclensDataset

/// Assembles the single file from the rendered pages: the overview, a note on the selection, and a
/// section per detailed matrix with a link back to the matrices table; framed by `layout.html`
/// with the style sheet inline. Added as `SingleFileLayout.documentPath`.
struct AssembleSingleFile: SiteStep {
    let name = "Assemble single file"
    /// The matrices with a section (indices into `dataset.base.matrices`, ascending).
    let detailMatrices: [Int]

    func run(in context: inout SiteContext) throws {
        let dataset = context.dataset
        let total = dataset.base.matrices.count
        var content = context.pages[.overview]?.body ?? .empty
        content += "\n<h2 id=\"matrix-details\">Matrix details</h2>\n"
        content += "<p>Detail for \(detailMatrices.count) of \(total) matrices"
        if detailMatrices.count < total {
            content +=
                ": those with intruder dimensions at ε = \(NumberFormat.epsilon(context.reading.epsilon)) (most first), "
                + "then those with the largest relative change ‖ΔW‖<sub>F</sub> / ‖W0‖<sub>F</sub>. "
                + "The full site (<code>speclens render</code>) has a page for every matrix"
        }
        content +=
            ". Spectra are drawn with at most \(context.options.spectrumPointLimit) ranks; the dataset has every value.</p>\n"
        for index in detailMatrices {
            let body = context.pages[context.matrixPage(index)]?.body ?? .empty
            content +=
                "<section class=\"matrix-detail\" id=\"\(SingleFileLayout.anchor(slug: context.matrixSlugs[index]))\">\n"
                + body + "<p><a href=\"#all-matrices\">↑ all matrices</a></p>\n</section>\n"
        }
        let model = LayoutModel(
            dataset: dataset, title: "Spectral report: \(dataset.base.name)", page: .overview, content: content,
            canonical: nil,
            hasGallery: false, singleFile: true,
            inlineStyle: HTMLText(trustedMarkup: try context.templates.text("style.css")),
            hasModules: false, hasLayers: false)
        try context.add(SingleFileLayout.documentPath, text: try context.templates.html("layout.html", model).escaped)
    }
}
