/// The single self-contained HTML file: the overview, then a detail section for each selected
/// matrix, charts inline only, links only to anchors in the same file, and the style sheet inline.
struct SingleFileLayout: ReportLayout {
    /// The matrices that get a detail section (indices into `dataset.base.matrices`, ascending).
    let detailMatrices: [Int]
    private let detailSet: Set<Int>

    /// The single file detailing `detailMatrices` (ascending indices).
    init(detailMatrices: [Int]) {
        self.detailMatrices = detailMatrices
        detailSet = Set(detailMatrices)
    }

    var steps: [any SiteStep] {
        [RenderOverviewPage(), RenderMatrixPages(), AssembleSingleFile(detailMatrices: detailMatrices)]
    }

    /// The path under which the assembled document is collected in `SiteContext.files`.
    static let documentPath = "report.html"

    /// The id of matrix `slug`'s detail section.
    static func anchor(slug: String) -> String { "matrix-\(slug)" }

    var writesChartFiles: Bool { false }

    var framesPagesWhenAdded: Bool { false }

    func hasDetail(_ matrix: Int) -> Bool { detailSet.contains(matrix) }

    func matrixHref(_ matrix: Int, from page: SitePath, in context: SiteContext) -> String? {
        hasDetail(matrix) ? "#" + Self.anchor(slug: context.matrixSlugs[matrix]) : nil
    }

    func neighbourMatrixHref(_ matrix: Int, in context: SiteContext) -> String? { nil }

    func modulePageHref(_ module: Int, from page: SitePath, in context: SiteContext) -> String? { nil }

    func layerPageHref(_ layer: Int, from page: SitePath, in context: SiteContext) -> String? { nil }

    func overviewHref(from page: SitePath) -> String? { nil }

    /// The one file is the whole report: its table lists every matrix.
    var shortensOverviewMatrixTable: Bool { false }

    /// No side-by-side pages: the file stays small enough to e-mail.
    var showsSideBySide: Bool { false }

    /// `matrix-<matrix slug>-run-<run slug>`: every matrix's sections are in the one file.
    func runAnchor(matrix: Int, run: Int, in context: SiteContext) -> String {
        "\(Self.anchor(slug: context.matrixSlugs[matrix]))-run-\(context.runSlugs[run])"
    }
}
