import Foundation
import SpeclensDataset

/// What the steps of a site generation share: the dataset, the templates, the safe file names
/// chosen for matrices and runs, the comparisons indexed by name, and the output files collected
/// so far (path → bytes).
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
    /// Each run's comparisons by base matrix name.
    let comparisons: ComparisonIndex
    /// Module types (sorted by name) with the indices of their matrices and the page slug.
    let modules: [(name: String, slug: String, matrices: [Int])]
    /// Layers (ascending) with the indices of their matrices; matrices without a layer are in none.
    let layers: [(layer: Int, matrices: [Int])]
    /// True while rendering the single-file report: pages are body fragments, charts are inline
    /// only, and links go to anchors in the same file.
    var singleFile = false
    /// Matrices that get a detail page (the site: all; the single file: a selection).
    var detailMatrices: Set<Int>
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
        runSlugs = dataset.runs.map { runSlugger.slug(for: $0.id.rawValue, fallback: "run") }
        var index: [String: Int] = [:]
        for (position, matrix) in dataset.base.matrices.enumerated() where index[matrix.name] == nil {
            index[matrix.name] = position
        }
        matrixIndex = index
        comparisons = ComparisonIndex(dataset.runs)
        var byModule: [String: [Int]] = [:]
        var byLayer: [Int: [Int]] = [:]
        for (position, matrix) in dataset.base.matrices.enumerated() {
            byModule[matrix.module, default: []].append(position)
            if let layer = matrix.layer { byLayer[layer, default: []].append(position) }
        }
        var moduleSlugger = Slugger(maximumLength: 60)
        modules = byModule.keys.sorted().map { ($0, moduleSlugger.slug(for: $0, fallback: "module"), byModule[$0]!) }
        layers = byLayer.keys.sorted().map { ($0, byLayer[$0]!) }
        detailMatrices = Set(dataset.base.matrices.indices)
    }

    /// Relative path of a matrix page.
    func matrixPage(_ index: Int) -> String { "matrices/\(matrixSlugs[index]).html" }

    /// Link to a matrix's detail from a page at `root`: its page in the site, an anchor in the
    /// single file, or nil when it has no detail.
    func matrixHref(_ index: Int, root: String) -> String? {
        guard detailMatrices.contains(index) else { return nil }
        return singleFile ? "#matrix-\(matrixSlugs[index])" : root + matrixPage(index)
    }

    /// Relative path of a module-type page (by index into `modules`).
    func modulePage(_ index: Int) -> String { "modules/\(modules[index].slug).html" }

    /// Relative path of a layer page.
    func layerPage(_ layer: Int) -> String { "layers/layer-\(layer).html" }

    /// The module-type index of a module name.
    func moduleIndex(_ name: String) -> Int? { modules.firstIndex { $0.name == name } }

    /// Adds an output file; the path must be a safe relative path not used before.
    mutating func add(_ path: String, text: String) throws {
        guard OutputWriter.isSafeRelativePath(path) else { throw ReportError.unsafeOutputPath(path) }
        guard files[path] == nil else { throw ReportError.duplicateOutputPath(path) }
        files[path] = Data(text.utf8)
    }

    /// Adds a chart's standalone SVG and CSV files (unless disabled) and returns its `<figure>`
    /// HTML for a page at depth `root` (`""` or `"../"`). `group` and `page` (the page showing
    /// it, relative to the root) list it in the gallery.
    mutating func add(chart: Chart, root: String, group: String, page: String) throws -> HTMLText {
        charts.append(ChartRecord(group: group, page: page, chart: chart))
        if options.writeChartFiles && !singleFile {
            try add(chart.path + ".svg", text: chart.svg.render(standalone: true, style: options.figureStyle).escaped)
            try add(chart.path + ".csv", text: chart.csv.text)
        }
        return chart.figure(root: root, withFiles: options.writeChartFiles && !singleFile)
    }

    /// Renders Markdown template `template` with `model`, converts it to HTML and wraps it in
    /// `layout.html` (in the single file: returns the HTML body fragment only). `path` is the
    /// page's path relative to the site root (for its canonical URL).
    func page(template: String, model: some TemplateModel, title: String, root: String, path: String) throws -> HTMLText {
        let body = MarkdownRenderer.html(try templates.markdown(template, model))
        if singleFile { return body }
        return try layout(title: title, root: root, content: body, path: path, inlineStyle: nil)
    }

    /// Wraps `content` in `layout.html`.
    func layout(title: String, root: String, content: HTMLText, path: String?, inlineStyle: HTMLText?) throws -> HTMLText {
        let canonical = options.baseURL.flatMap { base in path.map { base + ($0 == "index.html" ? "" : $0) } }
        let layout = LayoutModel(
            dataset: dataset, title: title, root: root, content: content, canonical: canonical,
            hasGallery: options.writeChartFiles && !singleFile, singleFile: singleFile, inlineStyle: inlineStyle ?? .empty,
            hasModules: !modules.isEmpty && !singleFile, hasLayers: !layers.isEmpty && !singleFile)
        return try templates.html("layout.html", layout)
    }
}
