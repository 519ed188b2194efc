import Foundation
import SpeclensDataset

/// What the steps of a report rendering share: the dataset, the templates, the layout, the safe
/// file names chosen for matrices and runs, the records indexed by key (`DatasetIndex`), and what has been
/// rendered so far: pages, output files (path → text) and charts.
struct SiteContext {
    /// The dataset as read (`reading.dataset`): the chosen runs, counted at the ε in force.
    let dataset: SpectralDataset
    /// The reading: the analysis ε, the reading ε's and the runs' styles.
    let reading: DatasetReading
    let options: ReportOptions
    let templates: TemplateSet
    /// Site or single file: which pages exist, where links and charts go.
    let layout: any ReportLayout
    /// Slug of each base matrix, by its index in `dataset.base.matrices`.
    let matrixSlugs: [String]
    /// Slug of each run, by its index in `dataset.runs`.
    let runSlugs: [String]
    /// The dataset's runs, base matrices and comparisons by their keys (`reading.index`).
    var index: DatasetIndex { reading.index }
    /// Module types (in model order, `ModuleOrder`) with the indices of their matrices and the page
    /// slug.
    let modules: [(name: String, slug: String, matrices: [Int])]
    /// Layers (ascending) with the indices of their matrices; matrices without a layer are in none.
    let layers: [(layer: Int, matrices: [Int])]
    /// Pages rendered so far, keyed by path; the layout's last step places them.
    private(set) var pages: [SitePath: RenderedPage] = [:]
    /// Output files, keyed by relative path: text until it is written (without ``output``).
    private(set) var files: [String: String] = [:]
    /// Where files go as they are rendered (a site's staging folder); nil: kept in ``files``.
    let output: StagingWriter?
    /// Every chart added, in order, with the group (page) it belongs to.
    private(set) var charts: [ChartRecord] = []

    /// The context of `dataset` read at its analysis ε with every run.
    /// - Throws: `DatasetError.inconsistent` when `dataset` repeats a run id or a matrix name.
    init(dataset: SpectralDataset, options: ReportOptions, templates: TemplateSet, layout: any ReportLayout) throws {
        self.init(reading: try DatasetReading(dataset), options: options, templates: templates, layout: layout)
    }

    /// The context of a reading of a dataset; files go to `output` as they are added when given.
    init(
        reading: DatasetReading, options: ReportOptions, templates: TemplateSet, layout: any ReportLayout,
        output: StagingWriter? = nil
    ) {
        let dataset = reading.dataset
        self.output = output
        self.reading = reading
        self.dataset = dataset
        self.options = options
        self.templates = templates
        self.layout = layout
        var matrixSlugger = Slugger(maximumLength: 80)
        matrixSlugs = dataset.base.matrices.map { matrixSlugger.slug(for: $0.name, fallback: "matrix") }
        var runSlugger = Slugger(maximumLength: 40, reserved: ["overview"])
        runSlugs = dataset.runs.map { runSlugger.slug(for: $0.id.rawValue, fallback: "run") }
        var byModule: [String: [Int]] = [:]
        var byLayer: [Int: [Int]] = [:]
        for (position, matrix) in dataset.base.matrices.enumerated() {
            byModule[matrix.module, default: []].append(position)
            if let layer = matrix.layer { byLayer[layer, default: []].append(position) }
        }
        var moduleSlugger = Slugger(maximumLength: 60)
        modules = ModuleOrder.sorted(Array(byModule.keys)).map {
            ($0, moduleSlugger.slug(for: $0, fallback: "module"), byModule[$0]!)
        }
        layers = byLayer.keys.sorted().map { ($0, byLayer[$0]!) }
    }

    /// The runs' styles and the figure options, for charts that show runs.
    var figures: FigureSettings { FigureSettings(reading: reading, options: options) }

    /// A matrix's page (by index into `dataset.base.matrices`).
    func matrixPage(_ index: Int) -> SitePath { .matrixPage(slug: matrixSlugs[index]) }

    /// Link to a matrix's detail from `page` (see `ReportLayout.matrixHref`).
    func matrixHref(_ index: Int, from page: SitePath) -> String? {
        layout.matrixHref(index, from: page, in: self)
    }

    /// A module type's page (by index into `modules`).
    func modulePage(_ index: Int) -> SitePath { .modulePage(slug: modules[index].slug) }

    /// A layer's page.
    func layerPage(_ layer: Int) -> SitePath { .layerPage(layer) }

    /// The side-by-side page of a module type (by index into `modules`).
    func compareModulePage(_ index: Int) -> SitePath { .compareModulePage(slug: modules[index].slug) }

    /// The side-by-side page of a layer.
    func compareLayerPage(_ layer: Int) -> SitePath { .compareLayerPage(layer) }

    /// The module-type index of a module name.
    func moduleIndex(_ name: String) -> Int? { modules.firstIndex { $0.name == name } }

    /// Adds an output file (written at once with ``output``); the path must be a safe relative
    /// path not used before.
    mutating func add(_ path: String, text: String) throws {
        if let output { return try output.write(path, text: text) }
        guard OutputWriter.isSafeRelativePath(path) else { throw ReportError.unsafeOutputPath(path) }
        guard files[path] == nil else { throw ReportError.duplicateOutputPath(path) }
        files[path] = text
    }

    /// Adds a rendered page; its path must be a safe relative path not used by another page.
    /// A layout that frames pages when they are added gets it framed and written now.
    mutating func add(_ page: RenderedPage) throws {
        guard OutputWriter.isSafeRelativePath(page.path.path) else {
            throw ReportError.unsafeOutputPath(page.path.path)
        }
        guard layout.framesPagesWhenAdded else {
            guard pages[page.path] == nil else { throw ReportError.duplicateOutputPath(page.path.path) }
            pages[page.path] = page
            return
        }
        try add(page.path.path, text: try framed(page))
    }

    /// `page` in `layout.html`, with its canonical URL under `--base-url` and the site's navigation.
    func framed(_ page: RenderedPage) throws -> String {
        let canonical = options.baseURL.map { $0 + (page.path == .overview ? "" : page.path.path) }
        let model = LayoutModel(
            dataset: dataset, title: page.title, page: page.path, content: page.body, canonical: canonical,
            hasGallery: layout.writesChartFiles, singleFile: false, inlineStyle: .empty,
            hasModules: !modules.isEmpty, hasLayers: !layers.isEmpty, hasUpdates: RenderUpdatesPage.hasContent(dataset),
            hasExperimentIndex: options.linksToExperimentIndex)
        return try templates.html("layout.html", model).escaped
    }

    /// Adds a chart's standalone SVG and CSV files when the layout writes them, and returns its
    /// `<figure>` HTML for `page`, the page showing it. `group` and `page` list it in the gallery.
    mutating func add(chart: Chart, on page: SitePath, group: String) throws -> HTMLText {
        charts.append(ChartRecord(kind: chart.kind, group: group, page: page, title: chart.svg.title, path: chart.path))
        if layout.writesChartFiles {
            try add(
                chart.path.adding(extension: "svg").path,
                text: chart.svg.render(standalone: true, style: options.figureStyle).escaped)
            try add(chart.path.adding(extension: "csv").path, text: chart.csv.text)
        }
        return chart.figure(on: page, withFiles: layout.writesChartFiles)
    }

    /// Renders Markdown template `template` with `model`, converts it to HTML and adds it as the
    /// page at `path`.
    mutating func addPage(template: String, model: some TemplateModel, title: String, at path: SitePath) throws {
        let body = MarkdownRenderer.html(try templates.markdown(template, model))
        try add(RenderedPage(path: path, title: title, body: body))
    }
}
