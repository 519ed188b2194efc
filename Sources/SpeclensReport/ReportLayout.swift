/// How a report is laid out: as a site of linked pages (`SiteLayout`) or as one self-contained
/// HTML file (`SingleFileLayout`). The steps ask their layout, never a flag, which pages exist,
/// where a link goes and where a chart goes.
protocol ReportLayout: Sendable {
    /// The steps that render the layout's pages and files, in order.
    var steps: [any SiteStep] { get }
    /// Where charts go: true when each chart is also written as a standalone SVG and a CSV file,
    /// linked under it; false when charts are inline only.
    var writesChartFiles: Bool { get }
    /// Whether each page is framed in `layout.html` and written as it is added (a site: memory
    /// then holds one page at a time); otherwise pages are kept for a last step to place.
    var framesPagesWhenAdded: Bool { get }
    /// Whether matrix `matrix` (an index into `dataset.base.matrices`) has a detail: a page of the
    /// site, or a section of the single file.
    func hasDetail(_ matrix: Int) -> Bool
    /// The link from `page` to the detail of matrix `matrix`; nil when it has none.
    func matrixHref(_ matrix: Int, from page: SitePath, in context: SiteContext) -> String?
    /// The link from one matrix page to the page of matrix `matrix` (its neighbour); nil when
    /// matrices have no pages of their own.
    func neighbourMatrixHref(_ matrix: Int, in context: SiteContext) -> String?
    /// The link from `page` to the page of module type `module` (an index into
    /// `context.modules`); nil when there are no module-type pages.
    func modulePageHref(_ module: Int, from page: SitePath, in context: SiteContext) -> String?
    /// The link from `page` to the page of layer `layer`; nil when there are no layer pages.
    func layerPageHref(_ layer: Int, from page: SitePath, in context: SiteContext) -> String?
    /// The link from `page` to the overview page; nil when the overview is not a page of its own.
    func overviewHref(from page: SitePath) -> String?
    /// Whether the overview's matrices table lists only the most telling matrices when there are
    /// more than `OverviewModel.matrixTableLimit` (a site, whose module-type and layer pages list
    /// every matrix); otherwise it lists them all.
    var shortensOverviewMatrixTable: Bool { get }
    /// Whether there are side-by-side pages (runs as columns, per module type and per layer) and
    /// a grid of every run's similarity heat map on each matrix page.
    var showsSideBySide: Bool { get }
    /// The id of run `run`'s section in the detail of matrix `matrix`: unique in the document.
    func runAnchor(matrix: Int, run: Int, in context: SiteContext) -> String
}
