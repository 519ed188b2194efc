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

    /// A run note with markup, Mustache tags and Markdown.
    static let hostileNote = "<script>note()</script> {{note}} *emph* [n](javascript:alert(1))"

    static func hostileDataset() -> SpectralDataset {
        var dataset = Fixtures.dataset(
            names: hostileNames,
            runIds: ["<script>run()</script>", "=HYPERLINK(\"http://x\")/../lora"],
            warning: "<img src=x onerror=alert(1)> {{warning}}",
            skippedName: "<script>skipped</script>",
            basePath: "../../<script>base</script>")
        dataset.runs[1].notes = [hostileNote]
        return dataset
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
                #expect(
                    image.hasPrefix(" src=\"../charts/") || image.hasPrefix(" src=\"charts/"),
                    "\(path): \(image.prefix(60))")
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
        #expect(
            index.contains("<p>Note: &lt;script&gt;note()&lt;/script&gt; {{note}} *emph* [n](javascript:alert(1))</p>"))
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
        // Besides the site, only the list of what speclens wrote (.speclens-site).
        #expect(written == Fixtures.files(in: directory).filter { $0 != ".speclens-site" })
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

    static let hostileLabel = "<script>label()</script> {{label}} *em* `tick` --flag & \"q\""

    /// The hostile dataset with hostile labels, tags (names and text values) and metric names:
    /// enough for every comparison figure, legend, heading and CSV header to carry them.
    static func hostileExperiment() -> SpectralDataset {
        var dataset = hostileDataset()
        dataset.runs[0].label = hostileLabel
        dataset.runs[0].metrics = ["=HYPERLINK(\"http://x\")": 0.5, "<i>acc</i>": 0.9]
        var second = dataset.runs[1]
        second.label = "<img src=x onerror=alert(1)> r=4"
        second.tags = ["rank": .number(4), "family": .text("<svg onload=alert(1)>"), "<b>tag</b>": .text("{{{x}}}")]
        second.metrics = ["=HYPERLINK(\"http://x\")": 0.7, "<i>acc</i>": 0.8]
        var third = second
        third.id = RunID("third")
        third.label = "</text><script>x()</script>"
        third.tags?["rank"] = .number(16)
        third.stack = ["<script>a</script>", "../../b"]
        dataset.runs = [dataset.runs[0], second, third]
        return dataset
    }

    @Test("hostile labels, tags and metric names stay text in pages, SVGs and file names")
    func hostileLabelsAndTags() throws {
        let directory = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let written = try SiteGenerator(options: ReportOptions(readingEpsilons: try ReadingEpsilons([0.7, 0.5])))
            .generate(Self.hostileExperiment(), into: directory)
        #expect(written.contains("charts/overview/intruders-vs-rank.svg"))
        #expect(written.contains { $0.hasPrefix("charts/overview/metric-") })
        #expect(written.contains { $0.hasPrefix("compare/") })
        for path in written {
            #expect(OutputWriter.isSafeRelativePath(path), "\(path)")
            guard !path.hasSuffix(".csv") else { continue }
            let text = Fixtures.read(directory + "/" + path)
            let lower = text.lowercased()
            #expect(
                !lower.contains("<script") && !lower.contains("<img src=x") && !lower.contains("<svg onload")
                    && !lower.contains("<i>acc") && !lower.contains("<b>tag"), "\(path)")
            if path.hasSuffix(".svg") { #expect(XMLCheck.isWellFormed(text).0, "\(path)") }
        }
        let index = Fixtures.read(directory + "/index.html")
        #expect(index.contains("&lt;script&gt;label()&lt;/script&gt; {{label}} *em* `tick` --flag &amp; &quot;q&quot;"))
        #expect(index.contains("&lt;img src=x onerror=alert(1)&gt; r=4"))
        #expect(index.contains("family = &lt;svg onload=alert(1)&gt;") && index.contains("{{{x}}}"))
        #expect(!index.contains("<em>em</em>") && !index.contains("<code>tick</code>"))
        let csv = Fixtures.read(directory + "/charts/overview/intruders-vs-rank.csv")
        #expect(csv.contains("\"family = <svg onload=alert(1)>\""))
        // A metric named like a formula is neutralised in the CSV header.
        let metrics = written.filter { $0.hasPrefix("charts/overview/metric-") && $0.hasSuffix("-vs-intruders.csv") }
        #expect(metrics.count == 2)
        #expect(
            metrics.contains { Fixtures.read(directory + "/" + $0).contains(",\"'=HYPERLINK(\"\"http://x\"\")\"\n") })
    }
}
