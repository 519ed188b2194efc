import Foundation
import Testing

@testable import SpeclensReport

@Suite("Template values")
struct TemplateValueTests {
    /// A model with one value of each kind.
    struct Sample: TemplateModel {
        var templateFields: [String: TemplateValue] {
            [
                "plain": .text("<i>"), "html": .markup(HTMLText(escaping: "<i>")), "flag": .flag(true),
                "items": .list([.text("a"), .text("b")]), "nested": .model(Nested()),
            ]
        }
    }

    /// A nested model.
    struct Nested: TemplateModel {
        var templateFields: [String: TemplateValue] { ["name": .text("n")] }
    }

    @Test(
        "plain text reaches Mustache as the text itself, for {{…}} to escape; markup as its escaped text, for {{{…}}}")
    func textAndMarkup() {
        #expect(TemplateValue.text("<i>").mustacheValue as? String == "<i>")
        #expect(TemplateValue.markup(HTMLText(escaping: "<i>")).mustacheValue as? String == "&lt;i&gt;")
    }

    @Test("a model becomes a dictionary of its values: flags as Bool, lists as arrays, nested models as dictionaries")
    func model() throws {
        let value = try #require(TemplateValue.model(Sample()).mustacheValue as? [String: Any])
        #expect(value["plain"] as? String == "<i>" && value["html"] as? String == "&lt;i&gt;")
        #expect(value["flag"] as? Bool == true)
        #expect((value["items"] as? [Any])?.compactMap { $0 as? String } == ["a", "b"])
        #expect((value["nested"] as? [String: Any])?["name"] as? String == "n")
    }

    @Test("a Markdown template renders {{plain}} escaped for Markdown and {{{html}}} as it is")
    func rendered() throws {
        let folder = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try "{{plain}} {{{html}}}{{#flag}} yes{{/flag}}{{#items}} {{.}}{{/items}} {{nested.name}}"
            .write(toFile: folder + "/sample.md", atomically: true, encoding: .utf8)
        let markdown = try TemplateSet(overrideDirectory: folder).markdown("sample.md", Sample())
        #expect(markdown.escaped == "\\<i\\> &lt;i&gt; yes a b n")
    }
}
