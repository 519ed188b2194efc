import Foundation
import SpeclensDataset
import SpeclensOutput

/// One self-contained HTML file for sending to a colleague: the overview with every overview chart,
/// the matrices table, and detail sections (similarity, max |cos|, spectra, intruders across the
/// spectrum) for a selection of matrices, with the style sheet and every SVG inline and no link
/// to another file. For large models the per-matrix detail is summarised: only the
/// `singleFileMatrixLimit` most telling matrices get a section (those with intruders, most
/// intruders first, then the largest relative change) and spectra are thinned to 200 drawn ranks.
///
/// Measured sizes: the MiniLM fixtures (36 matrices, 4 labelled runs, with null controls) give 1.30 MB (6 matrices
/// detailed); a synthetic 7B-shaped dataset (32 layers × 7 matrices, 4096 singular values each, 2 runs; `LargeModelTests`) 1.19 MB (12 matrices detailed),
/// small enough to email.
extension SiteGenerator {
    /// Writes the single-file report of `dataset` to `path` (replaced atomically).
    /// - Returns: the number of bytes written.
    /// - Throws: `ReportError`.
    @discardableResult
    public func generateSingleFile(_ dataset: SpectralDataset, to path: String) throws -> Int {
        let data = Data(try renderSingleFile(dataset).utf8)
        do {
            try DurableWrite.write(data, to: path)
        } catch OutputError.unwritable(_, let reason) {
            throw ReportError.singleFileUnwritable(path: path, reason: reason)
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
            let na = dataset.base.matrices[a].name
            let nb = dataset.base.matrices[b].name
            let ia = intruders[na] ?? 0
            let ib = intruders[nb] ?? 0
            if ia != ib { return ia > ib }
            let ca = change[na] ?? 0
            let cb = change[nb] ?? 0
            if ca != cb { return ca > cb }
            return a < b
        }
        return Array(ranked.prefix(max(0, limit))).sorted()
    }

    /// The single-file HTML text.
    func renderSingleFile(_ dataset: SpectralDataset) throws -> String {
        var fileOptions = options
        fileOptions.spectrumPointLimit = min(options.spectrumPointLimit, 200)
        // The matrices are chosen by their intruders at the ε in force, among the runs shown.
        let reading = try DatasetReading(dataset, options: options)
        let limit = options.singleFileMatrixLimit ?? min(12, max(2, 24 / max(reading.dataset.runs.count, 1)))
        let layout = SingleFileLayout(detailMatrices: SiteGenerator.singleFileSelection(reading.dataset, limit: limit))
        // The layout's last step, `AssembleSingleFile`, adds the document and nothing else.
        return try render(reading, layout: layout, options: fileOptions)[SingleFileLayout.documentPath, default: ""]
    }
}
