import Foundation
import SpeclensDataset

/// Renders a `SpectralDataset` into a static HTML/SVG site: an overview page, one page per
/// analysed matrix, every chart also as a standalone SVG with a CSV of its numbers, and a style
/// sheet. The site has no JavaScript and no external assets, and uses relative links only.
public struct SiteGenerator: Sendable {
    /// The settings used.
    public let options: ReportOptions

    /// Creates a generator with `options`.
    public init(options: ReportOptions = ReportOptions()) {
        self.options = options
    }

    /// Renders `dataset` into `outputDirectory` (created if missing). Writes only its own files;
    /// deletes nothing it did not write. Everything is rendered in memory first, then written
    /// (each file atomically), so a failure leaves earlier output intact.
    /// - Returns: the relative paths written, sorted.
    /// - Throws: `ReportError`.
    public func generate(_ dataset: SpectralDataset, into outputDirectory: String) throws -> [String] {
        let files = try render(DatasetReading(dataset, options: options), layout: SiteLayout(options: options), options: options)
        try OutputWriter.write(files, into: outputDirectory)
        return files.keys.sorted()
    }

    /// Runs the steps of `layout` over a reading of a dataset in memory: relative path → file text.
    func render(_ reading: DatasetReading, layout: any ReportLayout, options: ReportOptions) throws -> [String: String] {
        let templates = try TemplateSet(overrideDirectory: options.templatesDirectory)
        var context = SiteContext(reading: reading, options: options, templates: templates, layout: layout)
        for step in layout.steps {
            try step.run(in: &context)
        }
        return context.files
    }
}
