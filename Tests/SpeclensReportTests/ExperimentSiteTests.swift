import Foundation
import SpeclensDataset
import Testing

@testable import SpeclensReport

@Suite("A site of several experiments")
struct ExperimentSiteTests {
    /// Two experiments: the two-run fixture and the seven-run experiment fixture (labels, stack).
    static func sources(changingSecond: Bool = false) throws -> [ExperimentSource] {
        var second = ExperimentFixture.dataset()
        if changingSecond { second.runs[1].matrices[0].maxCosineTopK[0] = 0.01 }
        return try [("fixture", Fixtures.dataset()), ("experiment", second)].map { name, dataset in
            ExperimentSource(
                name: name, source: name + ".json", dataset: dataset, bytes: try DatasetCoding.encode(dataset))
        }
    }

    static func build(_ sources: [ExperimentSource], into directory: String, options: ReportOptions = ReportOptions())
        throws
        -> ExperimentSiteResult
    {
        try ExperimentSiteGenerator(options: options).generate(sources, into: directory)
    }

    /// The modification time and inode of a file.
    static func stamp(_ path: String) throws -> [String] {
        let attributes = try FileManager.default.attributesOfItem(atPath: path)
        return ["\(attributes[.modificationDate]!)", "\(attributes[.systemFileNumber]!)"]
    }

    @Test(
        "The index lists every experiment and each run with its label, swatch, intruders at each reading ε and mean effective rank, as computed from the dataset; each report is in its own folder"
    )
    func indexNumbers() throws {
        let directory = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let sources = try Self.sources()
        let epsilons = [0.7, 0.5]
        let result = try Self.build(
            sources, into: directory, options: ReportOptions(readingEpsilons: try ReadingEpsilons(epsilons)))
        #expect(result.folders == ["fixture", "experiment"] && result.rendered == result.folders && result.wrote)
        let index = Fixtures.read(directory + "/index.html")
        for (source, folder) in zip(sources, result.folders) {
            #expect(index.contains("<h2><a href=\"\(folder)/index.html\">\(source.name)</a></h2>"))
            #expect(
                index.contains(
                    "Base model <strong>\(source.dataset.base.name)</strong>: \(source.dataset.base.matrices.count) matrices"
                ))
            #expect(FileManager.default.fileExists(atPath: "\(directory)/\(folder)/index.html"))
            #expect(FileManager.default.contents(atPath: "\(directory)/\(folder)/dataset.json") == source.bytes)
            for run in source.dataset.runs {
                let counts = epsilons.map { "<td class=\"num\">\(ReadingEpsilonTests.direct(run, $0))</td>" }.joined()
                let rank = run.summary.meanEffectiveRank.map { String(format: "%.1f", $0) } ?? "–"
                let label = RunLabel.text(run).replacingOccurrences(of: "'", with: "&#39;")
                #expect(index.contains("</svg> \(label)</th>"), "\(run.id)")
                #expect(index.contains(counts + "<td class=\"num\">\(rank)</td></tr>"), "\(run.id): \(counts) \(rank)")
            }
        }
        #expect(index.components(separatedBy: "<section class=\"experiment\"").count == 3)
        // The report in a folder is the one `render` writes, but for the link back to the index.
        let alone = try ReadingEpsilonTests.render(
            sources[1].dataset, ReportOptions(readingEpsilons: try ReadingEpsilons(epsilons)))
        defer { try? FileManager.default.removeItem(atPath: alone) }
        let backlink = #"<a class="up" href="../index.html">All experiments</a> › "#
        let inSite = Fixtures.read(directory + "/experiment/index.html")
        #expect(inSite.contains("<nav>" + backlink + "<a class=\"home\""))
        #expect(Fixtures.read(alone + "/index.html") == inSite.replacingOccurrences(of: backlink, with: ""))
    }

    @Test(
        "A second build with nothing changed writes nothing; changing one dataset renders that experiment alone and carries the other's files over untouched"
    )
    func incremental() throws {
        let directory = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        _ = try Self.build(try Self.sources(), into: directory)
        let files = [
            "index.html", "experiments.json", "fixture/index.html", "experiment/index.html", "experiment/dataset.json",
        ]
        let before = try files.map { try Self.stamp(directory + "/" + $0) }
        Thread.sleep(forTimeInterval: 0.02)
        let again = try Self.build(try Self.sources(), into: directory)
        #expect(!again.wrote && again.rendered.isEmpty && again.unchanged == ["fixture", "experiment"])
        let after = try files.map { try Self.stamp(directory + "/" + $0) }
        #expect(after == before)

        let changed = try Self.build(try Self.sources(changingSecond: true), into: directory)
        #expect(changed.wrote && changed.rendered == ["experiment"] && changed.unchanged == ["fixture"])
        let fixtureStamp = try Self.stamp(directory + "/fixture/index.html")
        let experimentStamp = try Self.stamp(directory + "/experiment/index.html")
        #expect(fixtureStamp == before[2])
        #expect(experimentStamp != before[3])
        let indexStamp = try Self.stamp(directory + "/index.html")
        #expect(indexStamp != before[0])
        // Changed options render everything again.
        let options = try Self.build(
            try Self.sources(changingSecond: true), into: directory, options: ReportOptions(intruderScale: .fraction))
        #expect(options.rendered == ["fixture", "experiment"])
    }

    @Test(
        "An experiment no longer given loses its folder; files speclens did not write are kept; a folder that is no speclens site is refused and left as it was"
    )
    func staleAndForeign() throws {
        let directory = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let sources = try Self.sources()
        _ = try Self.build(sources, into: directory)
        try Data("mine".utf8).write(to: URL(fileURLWithPath: directory + "/notes.txt"))
        let result = try Self.build([sources[0]], into: directory)
        #expect(result.removed == ["experiment"] && result.unchanged == ["fixture"])
        #expect(!FileManager.default.fileExists(atPath: directory + "/experiment"))
        #expect(FileManager.default.fileExists(atPath: directory + "/fixture/index.html"))
        #expect(Fixtures.read(directory + "/notes.txt") == "mine")
        #expect(!Fixtures.read(directory + "/index.html").contains("experiment/index.html"))

        let foreign = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: foreign) }
        try Data("x".utf8).write(to: URL(fileURLWithPath: foreign + "/thesis.tex"))
        #expect(throws: ReportError.self) { try Self.build(sources, into: foreign) }
        let left = try FileManager.default.contentsOfDirectory(atPath: foreign)
        #expect(left == ["thesis.tex"])
    }

    @Test("Hostile experiment names become safe, unique, deterministic folder names and are escaped on the index")
    func hostileNames() throws {
        #expect(
            ExperimentSiteGenerator.folders(for: [
                "../x", "<script>alert(1)</script>", "a b", "a-b", "", "index.html", "..", "X",
            ])
                == ["x", "script-alert-1-script", "a-b", "a-b-2", "experiment", "index.html-2", "experiment-2", "x-2"])
        let directory = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let dataset = Fixtures.dataset()
        let bytes = try DatasetCoding.encode(dataset)
        let result = try Self.build(
            ["../x", "<script>alert(1)</script>"].map {
                ExperimentSource(name: $0, source: "<b>\($0)</b>", dataset: dataset, bytes: bytes)
            },
            into: directory)
        #expect(result.folders == ["x", "script-alert-1-script"])
        let entries = Set(try FileManager.default.contentsOfDirectory(atPath: directory))
        #expect(
            entries == ["x", "script-alert-1-script", "index.html", "style.css", "experiments.json", ".speclens-site"])
        let index = Fixtures.read(directory + "/index.html")
        #expect(!index.contains("<script") && !index.contains("<b>"))
        #expect(index.contains("&lt;script&gt;alert(1)&lt;/script&gt;") && index.contains("&lt;b&gt;"))
    }

    @Test(
        "Without a base URL every link and image of the index is relative; with one, the index and each report get canonical URLs below it"
    )
    func links() throws {
        let directory = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        _ = try Self.build(try Self.sources(), into: directory)
        let index = Fixtures.read(directory + "/index.html")
        let pattern = try NSRegularExpression(pattern: #"(?:href|src)="([^"]*)""#)
        let links = pattern.matches(in: index, range: NSRange(index.startIndex..., in: index)).map {
            String(index[Range($0.range(at: 1), in: index)!])
        }
        #expect(links.contains("fixture/index.html") && links.contains("style.css"))
        #expect(links.allSatisfy { !$0.hasPrefix("/") && !$0.contains(":") }, "\(links)")
        #expect(!index.contains("rel=\"canonical\""))

        let published = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: published) }
        _ = try Self.build(
            try Self.sources(), into: published, options: ReportOptions(baseURL: "https://example.org/lab/"))
        #expect(
            Fixtures.read(published + "/index.html").contains(
                "<link rel=\"canonical\" href=\"https://example.org/lab/\">"))
        #expect(
            Fixtures.read(published + "/fixture/index.html").contains(
                "<link rel=\"canonical\" href=\"https://example.org/lab/fixture/\">"))
        #expect(Fixtures.read(published + "/fixture/index.html").contains("href=\"style.css\""))
    }
}
