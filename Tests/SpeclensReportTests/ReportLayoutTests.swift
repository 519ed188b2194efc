import SpeclensDataset
import Testing

@testable import SpeclensReport

@Suite("Report layouts")
struct ReportLayoutTests {
    static func context(_ layout: any ReportLayout) throws -> SiteContext {
        try SiteContext(
            dataset: Fixtures.dataset(), options: ReportOptions(), templates: try TemplateSet(overrideDirectory: nil),
            layout: layout)
    }

    @Test("the site links every matrix, neighbour, module-type, layer and overview page, and writes chart files")
    func site() throws {
        let context = try Self.context(SiteLayout(options: ReportOptions()))
        let layout = context.layout
        #expect((0..<4).allSatisfy(layout.hasDetail))
        #expect(
            context.matrixHref(1, from: context.matrixPage(0))
                == "../matrices/encoder.layer.0.attention.self.value.weight.html")
        #expect(layout.neighbourMatrixHref(2, in: context) == "encoder.layer.1.attention.self.query.weight.html")
        #expect(layout.modulePageHref(0, from: .overview, in: context) == "modules/attention.self.query.html")
        #expect(layout.layerPageHref(1, from: .modulePage(slug: "x"), in: context) == "../layers/layer-1.html")
        #expect(layout.overviewHref(from: .galleryPage(.similarity)) == "../index.html")
        #expect(layout.writesChartFiles)
        #expect(layout.shortensOverviewMatrixTable)
        #expect(!SiteLayout(options: ReportOptions(writeChartFiles: false)).writesChartFiles)
    }

    @Test("the single file links only the detailed matrices, by anchor, has no other pages and keeps charts inline")
    func singleFile() throws {
        let context = try Self.context(SingleFileLayout(detailMatrices: [0, 2]))
        let layout = context.layout
        #expect((0..<4).map(layout.hasDetail) == [true, false, true, false])
        #expect(context.matrixHref(0, from: .overview) == "#matrix-encoder.layer.0.attention.self.query.weight")
        #expect(context.matrixHref(1, from: .overview) == nil)
        #expect(layout.neighbourMatrixHref(2, in: context) == nil)
        #expect(layout.modulePageHref(0, from: .overview, in: context) == nil)
        #expect(layout.layerPageHref(1, from: .overview, in: context) == nil)
        #expect(layout.overviewHref(from: context.matrixPage(0)) == nil)
        #expect(!layout.writesChartFiles)
        #expect(!layout.shortensOverviewMatrixTable)
    }
}

@Suite("Site paths")
struct SitePathTests {
    @Test("a page's depth gives the link to the root and to any other file")
    func links() {
        #expect(SitePath.overview.depth == 0 && SitePath.overview.root == "")
        let matrix = SitePath.matrixPage(slug: "a.weight")
        #expect(matrix.depth == 1 && matrix.root == "../")
        #expect(matrix.link(to: .overview) == "../index.html")
        #expect(SitePath.overview.link(to: matrix) == "matrices/a.weight.html")
        #expect(
            matrix.link(to: SitePath.matrixChart(slug: "a.weight", "full-spectrum").adding(extension: "svg"))
                == "../charts/matrices/a.weight/full-spectrum.svg")
        #expect(SitePath.matrixPage(slug: "b.weight").fileName == "b.weight.html")
        #expect(SitePath.layerChart(3, "intruders-vs-epsilon").path == "charts/layers/layer-3-intruders-vs-epsilon")
    }
}
