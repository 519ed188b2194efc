import SpeclensDataset
import Testing
@testable import SpeclensReport

@Suite("Report layouts")
struct ReportLayoutTests {
    static func context(_ layout: any ReportLayout) throws -> SiteContext {
        SiteContext(dataset: Fixtures.dataset(), options: ReportOptions(), templates: try TemplateSet(overrideDirectory: nil),
                    layout: layout)
    }

    @Test("the site links every matrix, neighbour, module-type, layer and overview page, and writes chart files")
    func site() throws {
        let context = try Self.context(SiteLayout(options: ReportOptions()))
        let layout = context.layout
        #expect((0..<4).allSatisfy(layout.hasDetail))
        #expect(context.matrixHref(1, root: "../") == "../matrices/encoder.layer.0.attention.self.value.weight.html")
        #expect(layout.neighbourMatrixHref(2, in: context) == "encoder.layer.1.attention.self.query.weight.html")
        #expect(layout.modulePageHref(0, root: "", in: context) == "modules/attention.self.query.html")
        #expect(layout.layerPageHref(1, root: "../", in: context) == "../layers/layer-1.html")
        #expect(layout.overviewHref(root: "../") == "../index.html")
        #expect(layout.writesChartFiles)
        #expect(!SiteLayout(options: ReportOptions(writeChartFiles: false)).writesChartFiles)
    }

    @Test("the single file links only the detailed matrices, by anchor, has no other pages and keeps charts inline")
    func singleFile() throws {
        let context = try Self.context(SingleFileLayout(detailMatrices: [0, 2]))
        let layout = context.layout
        #expect((0..<4).map(layout.hasDetail) == [true, false, true, false])
        #expect(context.matrixHref(0, root: "") == "#matrix-encoder.layer.0.attention.self.query.weight")
        #expect(context.matrixHref(1, root: "") == nil)
        #expect(layout.neighbourMatrixHref(2, in: context) == nil)
        #expect(layout.modulePageHref(0, root: "", in: context) == nil)
        #expect(layout.layerPageHref(1, root: "", in: context) == nil)
        #expect(layout.overviewHref(root: "") == nil)
        #expect(!layout.writesChartFiles)
    }
}
