import Foundation
import SpeclensDataset
import Testing

@testable import SpeclensReport

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// Collects XML parse errors.
final class XMLCheck: NSObject, XMLParserDelegate {
    var error: String?
    func parser(_ parser: XMLParser, parseErrorOccurred parseError: Error) { error = "\(parseError)" }

    static func isWellFormed(_ text: String) -> (Bool, String?) {
        let parser = XMLParser(data: Data(text.utf8))
        let check = XMLCheck()
        parser.delegate = check
        let ok = parser.parse()
        return (ok && check.error == nil, check.error ?? parser.parserError.map { "\($0)" })
    }
}

@Suite("Site generation")
struct SiteGeneratorTests {
    @Test("generate writes the overview, one page per matrix, the style sheet, and an SVG and CSV per chart")
    func writesExpectedFiles() throws {
        let directory = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let dataset = Fixtures.dataset()
        let written = try SiteGenerator().generate(dataset, into: directory)
        #expect(written == written.sorted())
        // Besides the site, only the list of what speclens wrote (.speclens-site).
        #expect(written == Fixtures.files(in: directory).filter { $0 != ".speclens-site" })
        #expect(written.contains("index.html") && written.contains("style.css") && written.contains("gallery.html"))
        let pages = written.filter { $0.hasPrefix("matrices/") && $0.hasSuffix(".html") }
        #expect(pages.count == dataset.base.matrices.count)
        #expect(written.contains("matrices/encoder.layer.0.attention.self.query.weight.html"))
        let svgs = written.filter { $0.hasSuffix(".svg") }
        let csvs = written.filter { $0.hasSuffix(".csv") }
        // Overview: ε curve, ε by module type, mean effective rank, three heat maps per run
        // (intruders, effective rank, relative change); per module type (2) and layer (2): an ε
        // curve; per matrix and run: 3.
        #expect(svgs.count == 3 + 3 * 2 + 4 + 4 * 2 * 3)
        #expect(written.contains("modules/attention.self.query.html") && written.contains("layers/layer-1.html"))
        #expect(Set(svgs.map { $0.dropLast(4) }) == Set(csvs.map { $0.dropLast(4) }))
        #expect(written.contains("charts/overview/intruders-vs-epsilon.svg"))
        #expect(written.contains("charts/matrices/encoder.layer.0.attention.self.query.weight/lora-r4-similarity.svg"))
    }

    @Test(
        "every standalone SVG parses as XML and has a title, a description and a viewBox, also with controls, span and storage flags",
        arguments: [false, true])
    func svgsAreXML(trust: Bool) throws {
        let directory = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let written = try SiteGenerator().generate(trust ? TrustFixtures.all() : Fixtures.dataset(), into: directory)
        for path in written where path.hasSuffix(".svg") {
            let text = Fixtures.read(directory + "/" + path)
            let (ok, error) = XMLCheck.isWellFormed(text)
            #expect(ok, "\(path): \(error ?? "")")
            #expect(text.contains("<title>") && text.contains("<desc>") && text.contains("viewBox=\"0 0 "))
        }
    }

    @Test("the overview leads with the ε curve and effective rank, and lists runs, warnings and skipped tensors")
    func overviewContent() throws {
        let directory = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        _ = try SiteGenerator().generate(Fixtures.dataset(), into: directory)
        let index = Fixtures.read(directory + "/index.html")
        let curve = try #require(index.range(of: "Intruder dimensions versus ε"))
        let table = try #require(index.range(of: "<table class=\"matrices\">"))
        #expect(curve.lowerBound < table.lowerBound)
        #expect(index.contains("Mean effective rank of the update ΔW per run"))
        #expect(index.contains("How to read this report"))
        #expect(index.contains("adapter was made for another base"))
        #expect(index.contains("<details class=\"skipped\">") && index.contains("pooler.dense.weight"))
        #expect(index.contains("href=\"matrices/encoder.layer.1.attention.self.value.weight.html\""))
        #expect(index.contains("unchanged"))
        #expect(index.contains("<svg") && index.contains("href=\"charts/overview/intruders-vs-epsilon.svg\""))
        #expect(!index.contains("<p><svg") && !index.contains("<p><figure"))
        #expect(!index.contains("http://") || !index.contains("src=\"http"))
        let page = Fixtures.read(directory + "/matrices/encoder.layer.0.attention.self.query.weight.html")
        #expect(page.contains("href=\"../style.css\"") && page.contains("href=\"../index.html\""))
        #expect(page.contains("Intruder dimensions at ε = 0.50: ranks 2"))
        #expect(page.contains("../charts/matrices/encoder.layer.0.attention.self.query.weight/full-ft-spectrum.csv"))
    }

    @Test(
        "generating twice gives byte-identical files, also with null controls, span fractions, storage flags and notes",
        arguments: [false, true])
    func deterministic(trust: Bool) throws {
        let first = try Fixtures.temporaryDirectory()
        let second = try Fixtures.temporaryDirectory()
        defer {
            try? FileManager.default.removeItem(atPath: first)
            try? FileManager.default.removeItem(atPath: second)
        }
        let dataset = trust ? TrustFixtures.all() : Fixtures.dataset()
        let a = try SiteGenerator().generate(dataset, into: first)
        let b = try SiteGenerator().generate(dataset, into: second)
        #expect(a == b)
        for path in a {
            #expect(
                FileManager.default.contents(atPath: first + "/" + path)
                    == FileManager.default.contents(atPath: second + "/" + path), "\(path)")
        }
    }

    @Test("generation into a foreign folder (allowed) keeps its files and can run again over its own output")
    func keepsForeignFiles() throws {
        let directory = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try FileManager.default.createDirectory(atPath: directory + "/matrices", withIntermediateDirectories: true)
        try Data("mine".utf8).write(to: URL(fileURLWithPath: directory + "/notes.txt"))
        try Data("mine too".utf8).write(to: URL(fileURLWithPath: directory + "/matrices/old.html"))
        _ = try SiteGenerator().generate(Fixtures.dataset(), into: directory, allowForeignFolder: true)
        _ = try SiteGenerator().generate(Fixtures.dataset(), into: directory)
        #expect(Fixtures.read(directory + "/notes.txt") == "mine")
        #expect(Fixtures.read(directory + "/matrices/old.html") == "mine too")
    }

    @Test("the gallery links every standalone chart; without chart files there is no gallery")
    func gallery() throws {
        let directory = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let written = try SiteGenerator().generate(Fixtures.dataset(), into: directory)
        // The gallery, and the pages of kinds with many charts (whose links start with ../).
        let gallery = written.filter { $0 == "gallery.html" || $0.hasPrefix("gallery/") }
            .map { Fixtures.read(directory + "/" + $0).replacingOccurrences(of: "href=\"../", with: "href=\"") }
            .joined()
        for path in written where path.hasSuffix(".svg") || path.hasSuffix(".csv") {
            #expect(gallery.contains("href=\"\(path)\""), "\(path)")
        }
        let other = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: other) }
        let bare = try SiteGenerator(options: ReportOptions(writeChartFiles: false)).generate(
            Fixtures.dataset(), into: other)
        #expect(!bare.contains("gallery.html") && !bare.contains { $0.hasPrefix("charts/") })
        let index = Fixtures.read(other + "/index.html")
        #expect(index.contains("<svg") && !index.contains("gallery.html") && !index.contains(".csv"))
    }

    @Test("every internal link of every page points to a written file")
    func linksResolve() throws {
        let directory = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let written = Set(try SiteGenerator().generate(Fixtures.dataset(), into: directory))
        for page in written where page.hasSuffix(".html") {
            let text = Fixtures.read(directory + "/" + page)
            let folder = page.contains("/") ? String(page[..<page.lastIndex(of: "/")!]) + "/" : ""
            var rest = text[...]
            while let start = rest.range(of: "href=\"") {
                let after = rest[start.upperBound...]
                guard let end = after.firstIndex(of: "\"") else { break }
                let href = String(after[..<end])
                rest = after[end...]
                let target =
                    href.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first.map(String.init)
                    ?? ""
                if target.isEmpty { continue }
                #expect(!href.contains(":"), "external or scheme link \(href) in \(page)")
                let resolved = URL(fileURLWithPath: "/" + folder + target).standardizedFileURL.path.dropFirst()
                #expect(written.contains(String(resolved)), "\(href) in \(page)")
            }
        }
    }

    @Test("an output path that is a file gives outputUnwritable")
    func unwritableOutput() throws {
        let directory = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let file = directory + "/taken"
        try Data("x".utf8).write(to: URL(fileURLWithPath: file))
        #expect(throws: ReportError.self) { try SiteGenerator().generate(Fixtures.dataset(), into: file) }
        #expect(Fixtures.read(file) == "x")
    }

    @Test("a run with no matrices and a dataset with no runs still render")
    func emptyDatasets() throws {
        var dataset = Fixtures.dataset()
        dataset.runs = []
        let directory = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let written = try SiteGenerator().generate(dataset, into: directory)
        #expect(written.contains("index.html"))
        var noMatrices = Fixtures.dataset()
        noMatrices.base.matrices = []
        for index in noMatrices.runs.indices { noMatrices.runs[index].matrices = [] }
        let other = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: other) }
        #expect(try SiteGenerator().generate(noMatrices, into: other).contains("index.html"))
    }
}
