import Foundation
import SpeclensDataset
import Testing

@Suite("Report options on the command line", .serialized)
struct ReportOptionTests {
    @Test("render --single-file without -o writes only that file; with -o, the site too; --figure-style paper applies to the SVG files")
    func singleFileAndPaper() throws {
        let folder = try CommandRunner.scratch()
        defer { try? FileManager.default.removeItem(at: folder) }
        #expect(try CommandRunner.run(["demo", "-o", "demo"], in: folder).status == 0)
        let only = try CommandRunner.run(["render", "demo/dataset.json", "--single-file", "one.html"], in: folder)
        #expect(only.status == 0, "\(only.standardError)")
        #expect(!FileManager.default.fileExists(atPath: folder.appending(path: "Site").path))
        let one = try String(contentsOf: folder.appending(path: "one.html"), encoding: .utf8)
        #expect(one.contains("<style>") && one.contains("<svg") && !one.contains("src="))
        #expect(only.standardError.contains("bytes"))

        let both = try CommandRunner.run(
            ["render", "demo/dataset.json", "-o", "paper", "--single-file", "two.html", "--figure-style", "paper",
             "--base-url", "https://example.org/r/"], in: folder)
        #expect(both.status == 0, "\(both.standardError)")
        let svg = try String(contentsOf: folder.appending(path: "paper/charts/overview/intruders-vs-epsilon.svg"), encoding: .utf8)
        #expect(svg.contains("font-family=\"serif\"") && !svg.contains("<style"))
        let index = try String(contentsOf: folder.appending(path: "paper/index.html"), encoding: .utf8)
        #expect(index.contains("<link rel=\"canonical\" href=\"https://example.org/r/\">"))
        #expect(FileManager.default.fileExists(atPath: folder.appending(path: "two.html").path))
    }

    @Test("an unknown --figure-style is refused")
    func badStyle() throws {
        let outcome = try CommandRunner.run(["render", "x.json", "--figure-style", "fancy"])
        #expect(outcome.status != 0 && outcome.standardError.contains("figure-style"))
    }
}
