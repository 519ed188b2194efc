import Foundation
import SpeclensDataset
import Testing

@testable import SpeclensReport

@Suite("Chart gallery")
struct GalleryTests {
    @Test("every chart is a thumbnail of its own SVG file, linked to the SVG, CSV and page, grouped by figure kind")
    func thumbnailsByKind() throws {
        let directory = try ReadingEpsilonTests.render(ExperimentFixture.dataset(), ReportOptions())
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let gallery = Fixtures.read(directory + "/gallery.html")
        let svgs = Fixtures.files(in: directory).filter { $0.hasSuffix(".svg") }
        // Sections in kind order, each holding only its kind.
        let titles = gallery.components(separatedBy: "<h2 id=\"kind-").dropFirst().map {
            String($0.split(separator: ">")[1].prefix { $0 != "(" })
        }
        #expect(
            titles == [
                "Intruders versus ε ", "Comparing runs ", "Layer × module maps ", "Mean effective rank per run ",
                "Similarity heat maps ", "Max |cos| of the top k vectors ", "Spectra of W0, Wt and ΔW ",
            ])
        let comparing = gallery.components(separatedBy: "<h2 id=\"kind-1\">")[1].components(separatedBy: "<h2")[0]
        #expect(
            comparing.contains("charts/overview/intruders-vs-rank.svg") && !comparing.contains("intruders-vs-epsilon"))
        // 7 runs × 4 matrices = 28 charts per per-matrix kind: shown here. Every chart once.
        #expect(!gallery.contains("on a page of their own"))
        for svg in svgs {
            #expect(gallery.contains("<a href=\"\(svg)\"><img src=\"\(svg)\" alt=\""), "\(svg)")
        }
        #expect(gallery.components(separatedBy: "<img ").count - 1 == svgs.count)
    }

    @Test("a kind with more charts than fit one page gets its own gallery page, linked from the gallery")
    func kindPages() throws {
        var dataset = ExperimentFixture.dataset()
        dataset.runs += dataset.runs.map { run in
            var copy = run
            copy.id = RunID(run.id.rawValue + "-again")
            copy.label = run.displayLabel + " again"
            copy.stack = nil
            return copy
        }
        let directory = try ReadingEpsilonTests.render(dataset, ReportOptions())
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let gallery = Fixtures.read(directory + "/gallery.html")
        // 14 runs × 4 matrices = 56 similarity heat maps.
        #expect(gallery.contains("<a href=\"gallery/similarity.html\">All 56 charts of this kind</a>"))
        #expect(!gallery.contains("-similarity.svg"))
        let page = Fixtures.read(directory + "/gallery/similarity.html")
        #expect(page.components(separatedBy: "<img src=\"../charts/matrices/").count - 1 == 56)
        #expect(page.contains("href=\"../gallery.html\"") && page.contains("href=\"../matrices/"))
    }

    @Test("the gallery names the --figure-style flag with two hyphens, not an en dash")
    func flagSpelling() throws {
        let directory = try ReadingEpsilonTests.render(Fixtures.dataset(), ReportOptions())
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let gallery = Fixtures.read(directory + "/gallery.html")
        #expect(gallery.contains("<code>--figure-style paper</code>"))
        #expect(!gallery.contains("–figure-style") && !gallery.contains("—figure-style"))
    }

    @Test(
        "each chart carries the kind its builder states, whatever its path",
        arguments: [
            ("charts/overview/intruders-vs-epsilon", FigureKind.epsilonCurves),
            ("charts/layers/layer-1-intruders-vs-epsilon", .epsilonCurves),
            ("charts/overview/intruders-vs-epsilon-by-module", .epsilonCurves),
            ("charts/overview/intruders-map-lora-r4", .layerModuleMaps),
            ("charts/overview/effective-rank-full-ft", .layerModuleMaps),
            ("charts/overview/relative-change-full-ft", .layerModuleMaps),
            ("charts/overview/effective-rank-mean", .effectiveRank),
            ("charts/matrices/encoder.layer.0.attention.self.query.weight/lora-r4-similarity", .similarity),
            ("charts/matrices/encoder.layer.0.attention.self.query.weight/lora-r4-max-cosine", .maxCosine),
            ("charts/matrices/encoder.layer.0.attention.self.query.weight/lora-r4-spectrum", .spectra),
        ])
    func kinds(path: String, kind: FigureKind) throws {
        let options = ReportOptions()
        var context = try SiteContext(
            dataset: Fixtures.dataset(), options: options, templates: TemplateSet(overrideDirectory: nil),
            layout: SiteLayout(options: options))
        for step in context.layout.steps { try step.run(in: &context) }
        let records = context.charts.filter { $0.path.path == path }
        #expect(records.count == 1)
        #expect(records.first?.kind == kind)
    }
}
