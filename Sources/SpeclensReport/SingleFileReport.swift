import Foundation
import SpeclensDataset

/// One self-contained HTML file for sending to a colleague: the overview with every overview chart,
/// the matrices table, and detail sections (similarity, max |cos|, spectra, intruders across the
/// spectrum) for a selection of matrices, with the style sheet and every SVG inline and no link
/// to another file. For large models the per-matrix detail is summarised: only the
/// `singleFileMatrixLimit` most telling matrices get a section (those with intruders, most
/// intruders first, then the largest relative change) and spectra are thinned to 200 drawn ranks.
///
/// Measured sizes: the MiniLM fixtures (36 matrices, 4 runs) give 0.90 MB (6 matrices detailed); a synthetic
/// 7B-shaped dataset (32 layers × 7 matrices, 4096 singular values each, 2 runs; `LargeModelTests`) 1.08 MB (12 matrices detailed),
/// small enough to email.
extension SiteGenerator {
    /// Writes the single-file report of `dataset` to `path` (replaced atomically).
    /// - Returns: the number of bytes written.
    /// - Throws: `ReportError`.
    @discardableResult
    public func generateSingleFile(_ dataset: SpectralDataset, to path: String) throws -> Int {
        let data = Data(try renderSingleFile(dataset).utf8)
        do {
            try data.write(to: URL(fileURLWithPath: path), options: .atomic)
        } catch {
            throw ReportError.singleFileUnwritable(path: path, reason: error.localizedDescription)
        }
        return data.count
    }

    /// The matrices (indices into `dataset.base.matrices`, ascending) that get a detail section.
    static func singleFileSelection(_ dataset: SpectralDataset, limit: Int) -> [Int] {
        var intruders: [String: Int] = [:]
        var change: [String: Double] = [:]
        for run in dataset.runs {
            for comparison in run.matrices {
                intruders[comparison.name] = max(intruders[comparison.name] ?? 0, comparison.intruders)
                if comparison.changed, let relative = comparison.relativeChange, relative.isFinite {
                    change[comparison.name] = max(change[comparison.name] ?? 0, relative)
                }
            }
        }
        let ranked = dataset.base.matrices.indices.sorted { a, b in
            let na = dataset.base.matrices[a].name, nb = dataset.base.matrices[b].name
            let ia = intruders[na] ?? 0, ib = intruders[nb] ?? 0
            if ia != ib { return ia > ib }
            let ca = change[na] ?? 0, cb = change[nb] ?? 0
            if ca != cb { return ca > cb }
            return a < b
        }
        return Array(ranked.prefix(max(0, limit))).sorted()
    }

    /// The single-file HTML text.
    func renderSingleFile(_ dataset: SpectralDataset) throws -> String {
        let templates = try TemplateSet(overrideDirectory: options.templatesDirectory)
        var fileOptions = options
        fileOptions.writeChartFiles = false
        fileOptions.spectrumPointLimit = min(options.spectrumPointLimit, 200)
        var context = SiteContext(dataset: dataset, options: fileOptions, templates: templates)
        context.singleFile = true
        let limit = options.singleFileMatrixLimit ?? min(12, max(4, 24 / max(dataset.runs.count, 1)))
        let selection = SiteGenerator.singleFileSelection(dataset, limit: limit)
        context.detailMatrices = Set(selection)
        try RenderOverviewPage().run(in: &context)
        try RenderMatrixPages().run(in: &context)
        var content = HTMLText(trustedMarkup: String(decoding: context.files["index.html"] ?? Data(), as: UTF8.self))
        content += "\n<h2 id=\"matrix-details\">Matrix details</h2>\n"
        let total = dataset.base.matrices.count
        content += "<p>Detail for \(selection.count) of \(total) matrices"
        if selection.count < total {
            content += ": those with intruder dimensions at ε = \(NumberFormat.epsilon(dataset.parameters.epsilon)) (most first), "
                + "then those with the largest relative change ‖ΔW‖<sub>F</sub> / ‖W0‖<sub>F</sub>. "
                + "The full site (<code>speclens render</code>) has a page for every matrix"
        }
        content += ". Spectra are drawn with at most \(fileOptions.spectrumPointLimit) ranks; the dataset has every value.</p>\n"
        for index in selection {
            let body = HTMLText(trustedMarkup: String(decoding: context.files[context.matrixPage(index)] ?? Data(), as: UTF8.self))
            content += "<section class=\"matrix-detail\" id=\"matrix-\(context.matrixSlugs[index])\">\n"
                + body + "<p><a href=\"#all-matrices\">↑ all matrices</a></p>\n</section>\n"
        }
        return try context.layout(
            title: "Spectral report: \(dataset.base.name)", root: "", content: content, path: nil,
            inlineStyle: HTMLText(trustedMarkup: try templates.text("style.css"))).escaped
    }
}
