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
        for svg in svgs {
            #expect(gallery.contains("<a href=\"\(svg)\"><img src=\"\(svg)\" alt=\""), "\(svg)")
        }
        #expect(gallery.components(separatedBy: "<img ").count - 1 == svgs.count)
        // Sections in kind order, each holding only its kind.
        let titles = gallery.components(separatedBy: "<h2 id=\"kind-").dropFirst().map { String($0.split(separator: ">")[1].prefix { $0 != "(" }) }
        #expect(titles == ["Intruders versus ε ", "Comparing runs ", "Layer × module maps ", "Mean effective rank per run ",
                           "Similarity heat maps ", "Max |cos| of the top k vectors ", "Spectra of W0, Wt and ΔW "])
        let comparing = gallery.components(separatedBy: "<h2 id=\"kind-1\">")[1].components(separatedBy: "<h2")[0]
        #expect(comparing.contains("charts/overview/intruders-vs-rank.svg") && !comparing.contains("intruders-vs-epsilon"))
        // Per-matrix kinds with many charts start folded, so that their images load when opened.
        #expect(gallery.contains("<details class=\"gallery\"><summary>28 charts</summary>"))
        #expect(gallery.contains("<details class=\"gallery\" open><summary>"))
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
