import Foundation
import SpeclensDataset

/// What the steps of a site generation share: the dataset, the templates, the safe file names
/// chosen for matrices and runs, and the output files collected so far (path → bytes).
struct SiteContext {
    let dataset: SpectralDataset
    let options: ReportOptions
    let templates: TemplateSet
    /// Slug of each base matrix, by its index in `dataset.base.matrices`.
    let matrixSlugs: [String]
    /// Slug of each run, by its index in `dataset.runs`.
    let runSlugs: [String]
    /// Index in `dataset.base.matrices` of each base name (the first when a name repeats).
    let matrixIndex: [String: Int]
    /// Output files, keyed by relative path.
    private(set) var files: [String: Data] = [:]
    /// Every chart added, in order, with the group (page) it belongs to.
    private(set) var charts: [ChartRecord] = []

    init(dataset: SpectralDataset, options: ReportOptions, templates: TemplateSet) {
        self.dataset = dataset
        self.options = options
        self.templates = templates
        var matrixSlugger = Slugger(maximumLength: 80)
        matrixSlugs = dataset.base.matrices.map { matrixSlugger.slug(for: $0.name, fallback: "matrix") }
        var runSlugger = Slugger(maximumLength: 40, reserved: ["overview"])
        runSlugs = dataset.runs.map { runSlugger.slug(for: $0.id, fallback: "run") }
        var index: [String: Int] = [:]
        for (position, matrix) in dataset.base.matrices.enumerated() where index[matrix.name] == nil {
            index[matrix.name] = position
        }
        matrixIndex = index
    }

    /// Relative path of a matrix page.
    func matrixPage(_ index: Int) -> String { "matrices/\(matrixSlugs[index]).html" }

    /// Adds an output file; the path must be a safe relative path not used before.
    mutating func add(_ path: String, text: String) throws {
        guard OutputWriter.isSafeRelativePath(path) else { throw ReportError.unsafeOutputPath(path) }
        guard files[path] == nil else { throw ReportError.duplicateOutputPath(path) }
        files[path] = Data(text.utf8)
    }

    /// Adds a chart's standalone SVG and CSV files (unless disabled) and returns its `<figure>`
    /// HTML for a page at depth `root` (`""` or `"../"`). `group` and `page` (the page showing
    /// it, relative to the root) list it in the gallery.
    mutating func add(chart: Chart, root: String, group: String, page: String) throws -> String {
        charts.append(ChartRecord(group: group, page: page, chart: chart))
        if options.writeChartFiles {
            try add(chart.path + ".svg", text: chart.svg.render(standalone: true))
            try add(chart.path + ".csv", text: chart.csv.text)
        }
        return chart.figure(root: root, withFiles: options.writeChartFiles)
    }

    /// Renders Markdown template `template` with `model`, converts it to HTML and wraps it in
    /// `layout.html`.
    func page(template: String, model: Any, title: String, root: String) throws -> String {
        let markdown = try templates.render(template, model)
        let body = MarkdownRenderer.html(markdown)
        let layout = LayoutModel(
            title: title, root: root, content: body, hasGallery: options.writeChartFiles,
            version: dataset.tool.version,
            schema: String(dataset.schemaVersion), baseName: dataset.base.name)
        return try templates.render("layout.html", layout)
    }
}
