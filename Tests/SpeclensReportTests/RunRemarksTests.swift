import Foundation
import SpeclensDataset
import Testing

@testable import SpeclensReport

@Suite("Run warnings and notes on the overview")
struct RunRemarksTests {
    /// The text of run `id`'s section on the overview, up to the next run's heading or the parameters.
    static func section(_ index: String, id: String) -> String {
        guard let start = index.range(of: "<h3 id=\"run-\(id)\">") else { return "" }
        let rest = index[start.upperBound...]
        let end =
            [rest.range(of: "<h3 id=\"run-"), rest.range(of: "<h2>Parameters</h2>")].compactMap { $0?.lowerBound }.min()
            ?? rest.endIndex
        return String(rest[..<end])
    }

    @Test(
        "a warning is prominent: in a warnings box at the top of its run's section, and linked from a box at the top of the overview"
    )
    func warnings() throws {
        let (directory, _) = try TrustFixtures.render(TrustFixtures.withNotes())
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let index = Fixtures.read(directory + "/index.html")
        let top = try #require(
            index.range(
                of:
                    "<div class=\"warnings\" role=\"note\">\n<p><strong>Warnings.</strong> Read them before the numbers: <a href=\"#run-lora-r4\">run lora-r4</a> (1 warning)"
            ))
        #expect(top.lowerBound < index.range(of: "How to read this report")!.lowerBound)
        let lora = Self.section(index, id: "lora-r4")
        #expect(
            lora.contains(
                "<div class=\"warnings\" role=\"note\">\n<p><strong>Warning:</strong> adapter was made for another base</p>\n</div>"
            ))
        #expect(
            lora.range(of: "<div class=\"warnings\"")!.lowerBound
                < lora.range(of: "<li>kind: LoRA adapter</li>")!.lowerBound)
        #expect(!Self.section(index, id: "full-ft").contains("warning"))
    }

    @Test("a note is quieter: in a notes block after the run's details, prefixed Note:, and only in its run's section")
    func notes() throws {
        let (directory, _) = try TrustFixtures.render(TrustFixtures.withNotes())
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let index = Fixtures.read(directory + "/index.html")
        let lora = Self.section(index, id: "lora-r4")
        let note =
            "<div class=\"notes\">\n<p>Note: the adapter names its base model &quot;a/b&quot;; the base&#39;s config.json names &quot;c/d&quot;</p>\n</div>"
        #expect(lora.contains(note))
        #expect(lora.range(of: note)!.lowerBound > lora.range(of: "<li>target modules: query, value</li>")!.lowerBound)
        #expect(index.components(separatedBy: "<div class=\"notes\">").count - 1 == 1)
        #expect(!Self.section(index, id: "full-ft").contains("Note:"))
    }

    @Test("hostile notes stay text: markup, Mustache tags and Markdown in a note are escaped, not interpreted")
    func hostileNotes() throws {
        let hostile = "<script>alert('note')</script> {{note}} {{{raw}}} *emph* [x](javascript:alert(1)) & \"q\""
        let (directory, _) = try TrustFixtures.render(TrustFixtures.withNotes([hostile]))
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let index = Fixtures.read(directory + "/index.html")
        #expect(
            index.contains(
                "<p>Note: &lt;script&gt;alert(&#39;note&#39;)&lt;/script&gt; {{note}} {{{raw}}} *emph* [x](javascript:alert(1)) &amp; &quot;q&quot;</p>"
            ))
        #expect(
            !index.lowercased().contains("<script") && !index.contains("<em>emph</em>")
                && !index.contains("href=\"javascript"))
    }
}
