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

    /// Renders `dataset` into `outputDirectory`, replacing the site there as a whole.
    ///
    /// Each file is written into a staging folder beside the output folder as it is rendered (so
    /// memory holds one page at a time, whatever the number of matrices), with the files of the
    /// folder that speclens did not write (hard links), and swapped in with one rename: a failure or an interruption leaves the previous site intact, and afterwards
    /// the folder holds exactly what a render into an empty folder holds plus the files speclens
    /// did not write. A `.speclens-site` file lists the files speclens wrote.
    /// - Parameters:
    ///   - extraFiles: further files to write with the site (relative path → bytes), e.g. the
    ///     dataset itself.
    ///   - allowForeignFolder: write into an existing folder that is neither empty, nor holding
    ///     only a `README.md`, nor a speclens site (its files are kept); refused otherwise.
    /// - Returns: the relative paths written, sorted (without the marker).
    /// - Throws: `ReportError`, among them ``ReportError/outputFolderNotASite(path:entries:count:)``.
    public func generate(
        _ dataset: SpectralDataset, into outputDirectory: String, adding extraFiles: [String: Data] = [:],
        allowForeignFolder: Bool = false
    ) throws -> [String] {
        try generate(
            dataset, into: SiteFolder(outputDirectory), adding: extraFiles, allowForeignFolder: allowForeignFolder)
    }

    /// Renders into `folder`; see ``generate(_:into:adding:allowForeignFolder:)``.
    func generate(
        _ dataset: SpectralDataset, into folder: SiteFolder, adding extraFiles: [String: Data] = [:],
        allowForeignFolder: Bool = false
    ) throws -> [String] {
        // Refuse a foreign folder before the work of rendering.
        if case .foreign(let entries, let count) = try folder.contents(), !allowForeignFolder {
            throw ReportError.outputFolderNotASite(path: folder.path, entries: entries, count: count)
        }
        let reading = try DatasetReading(dataset, options: options)
        var written: Set<String> = []
        try folder.replace(allowForeign: allowForeignFolder) { writer in
            _ = try render(reading, layout: SiteLayout(options: options), options: options, output: writer)
            for (path, bytes) in extraFiles.sorted(by: { $0.key < $1.key }) { try writer.write(path, data: bytes) }
            written = writer.written
        }
        return written.sorted()
    }

    /// Runs the steps of `layout` over a reading of a dataset: relative path → file text of what
    /// was kept in memory (everything without `output`; with it, files go there as rendered).
    func render(
        _ reading: DatasetReading, layout: any ReportLayout, options: ReportOptions, output: StagingWriter? = nil
    ) throws -> [String: String] {
        let templates = try TemplateSet(overrideDirectory: options.templatesDirectory)
        var context = SiteContext(
            reading: reading, options: options, templates: templates, layout: layout, output: output)
        for step in layout.steps {
            try step.run(in: &context)
        }
        return context.files
    }
}
