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
        let titles = gallery.components(separatedBy: "<h2 id=\"kind-").dropFirst().map { String($0.split(separator: ">")[1].prefix { $0 != "(" }) }
        #expect(titles == ["Intruders versus ε ", "Comparing runs ", "Layer × module maps ", "Mean effective rank per run ",
                           "Similarity heat maps ", "Max |cos| of the top k vectors ", "Spectra of W0, Wt and ΔW "])
        let comparing = gallery.components(separatedBy: "<h2 id=\"kind-1\">")[1].components(separatedBy: "<h2")[0]
        #expect(comparing.contains("charts/overview/intruders-vs-rank.svg") && !comparing.contains("intruders-vs-epsilon"))
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

    @Test("a chart's kind follows from its group and path", arguments: [
        ("Overview", "charts/overview/intruders-vs-epsilon", FigureKind.epsilonCurves),
        ("Layer 3", "charts/layers/layer-3-intruders-vs-epsilon", .epsilonCurves),
        ("Overview", "charts/overview/intruders-vs-epsilon-by-module", .epsilonCurves),
        ("Comparing runs", "charts/overview/intruders-vs-rank", .comparisons),
        ("Overview", "charts/overview/intruders-map-lora", .layerModuleMaps),
        ("Overview", "charts/overview/effective-rank-full", .layerModuleMaps),
        ("Overview", "charts/overview/effective-rank-mean", .effectiveRank),
        ("x.weight", "charts/matrices/x.weight/intruders-across-spectrum", .spectrumFractions),
        ("x.weight", "charts/matrices/x.weight/run-similarity", .similarity),
        ("x.weight", "charts/matrices/x.weight/run-max-cosine", .maxCosine),
        ("x.weight", "charts/matrices/x.weight/run-spectrum", .spectra),
        ("Overview", "charts/overview/something-new", .other),
    ])
    func kinds(group: String, path: String, kind: FigureKind) {
        #expect(FigureKind(group: group, path: path) == kind)
    }
}
