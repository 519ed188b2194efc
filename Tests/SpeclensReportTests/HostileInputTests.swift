import Foundation
import SpeclensDataset
import Testing
@testable import SpeclensReport

@Suite("Untrusted text stays text")
struct HostileInputTests {
    static let hostileNames = [
        "<script>alert(1)</script>.weight",
        "layer.0.\"quoted\"&'amp'.weight",
        "{{x}}.{{{y}}}.weight",
        "*emph*_under_`tick`.weight",
        "[link](javascript:alert(1)).weight",
        "../../etc/passwd",
    ]

    static func hostileDataset() -> SpectralDataset {
        Fixtures.dataset(
            names: hostileNames,
            runIds: ["<script>run()</script>", "=HYPERLINK(\"http://x\")/../lora"],
            warning: "<img src=x onerror=alert(1)> {{warning}}",
            skippedName: "<script>skipped</script>",
            basePath: "../../<script>base</script>")
    }

    static func render() throws -> (String, [String]) {
        let directory = try Fixtures.temporaryDirectory()
        let written = try SiteGenerator().generate(hostileDataset(), into: directory)
        return (directory, written)
    }

    /// CSV files are data, not markup: they keep names exactly (quoted, formulas neutralised; see
    /// `svgAndCSV`), so they are left out here.
    @Test("no HTML, SVG or CSS file contains a raw <script or an injected tag")
    func noScript() throws {
        let (directory, written) = try Self.render()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        #expect(written.contains { $0.hasSuffix(".svg") } && written.contains("index.html"))
        for path in written where !path.hasSuffix(".csv") {
            let text = Fixtures.read(directory + "/" + path).lowercased()
            #expect(!text.contains("<script"), "\(path)")
            // The only images are the report's own charts (the similarity grid and gallery thumbnails).
            for image in text.components(separatedBy: "<img").dropFirst() {
                #expect(image.hasPrefix(" src=\"../charts/") || image.hasPrefix(" src=\"charts/"), "\(path): \(image.prefix(60))")
            }
            #expect(!text.contains("href=\"javascript"), "\(path)")
        }
    }

    @Test("hostile names appear escaped as text, and mustache tags in them are not expanded")
    func namesAreText() throws {
        let (directory, written) = try Self.render()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let index = Fixtures.read(directory + "/index.html")
        #expect(index.contains("&lt;script&gt;alert(1)&lt;/script&gt;.weight"))
        #expect(index.contains("{{x}}.{{{y}}}.weight"))
        #expect(index.contains("{{warning}}"))
        #expect(index.contains("*emph*_under_`tick`.weight"))
        #expect(index.contains("&quot;quoted&quot;&amp;") || index.contains("&quot;quoted&quot;&amp;&#39;amp&#39;"))
        #expect(index.contains("&lt;script&gt;skipped&lt;/script&gt;"))
        let pages = written.filter { $0.hasPrefix("matrices/") }
        #expect(pages.count == Self.hostileNames.count)
        let all = pages.map { Fixtures.read(directory + "/" + $0) }.joined()
        #expect(all.contains("&lt;script&gt;alert(1)&lt;/script&gt;.weight"))
        #expect(all.contains("[link](javascript:alert(1)).weight"))
        #expect(!all.contains("<em>") && !all.contains("<code>"))
    }

    @Test("every written path stays inside the output folder and uses only safe characters")
    func pathsStayInside() throws {
        let (directory, written) = try Self.render()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let root = URL(fileURLWithPath: directory).standardizedFileURL.path
        for path in written {
            #expect(OutputWriter.isSafeRelativePath(path), "\(path)")
            let full = URL(fileURLWithPath: directory + "/" + path).standardizedFileURL.path
            #expect(full.hasPrefix(root + "/"), "\(path)")
        }
        #expect(written == Fixtures.files(in: directory))
    }

    @Test("SVGs with hostile names still parse as XML, and CSVs neutralise formulas")
    func svgAndCSV() throws {
        let (directory, written) = try Self.render()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        for path in written where path.hasSuffix(".svg") {
            #expect(XMLCheck.isWellFormed(Fixtures.read(directory + "/" + path)).0, "\(path)")
        }
        let csv = Fixtures.read(directory + "/charts/overview/intruders-vs-epsilon.csv")
        #expect(csv.hasPrefix("\"epsilon\",\"<script>run()</script>\",\"'=HYPERLINK(\"\"http://x\"\")/../lora\"\n"))
    }
}
