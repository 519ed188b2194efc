/// The multi-page site: an overview, a page per module type, layer and matrix, a chart gallery,
/// every chart also as standalone SVG and CSV files (unless disabled), and every page framed by
/// `layout.html` with relative links between them.
struct SiteLayout: ReportLayout {
    let writesChartFiles: Bool

    /// The site for `options` (which say whether chart files are written).
    init(options: ReportOptions) {
        writesChartFiles = options.writeChartFiles
    }

    var steps: [any SiteStep] {
        [
            CopyStylesheet(), RenderOverviewPage(), RenderGroupPages(), RenderComparePages(), RenderMatrixPages(),
            RenderUpdatesPage(),
            RenderChartGallery(),
        ]
    }

    var framesPagesWhenAdded: Bool { true }

    func hasDetail(_ matrix: Int) -> Bool { true }

    func matrixHref(_ matrix: Int, from page: SitePath, in context: SiteContext) -> String? {
        page.link(to: context.matrixPage(matrix))
    }

    /// The neighbour's file name: matrix pages share a folder.
    func neighbourMatrixHref(_ matrix: Int, in context: SiteContext) -> String? {
        context.matrixPage(matrix).fileName
    }

    func modulePageHref(_ module: Int, from page: SitePath, in context: SiteContext) -> String? {
        page.link(to: context.modulePage(module))
    }

    func layerPageHref(_ layer: Int, from page: SitePath, in context: SiteContext) -> String? {
        page.link(to: context.layerPage(layer))
    }

    func overviewHref(from page: SitePath) -> String? {
        page.link(to: .overview)
    }

    /// Module-type and layer pages list every matrix.
    var shortensOverviewMatrixTable: Bool { true }

    var showsSideBySide: Bool { true }

    /// `run-<run slug>`: one matrix per page.
    func runAnchor(matrix: Int, run: Int, in context: SiteContext) -> String {
        "run-\(context.runSlugs[run])"
    }
}
