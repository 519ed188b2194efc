import Testing

@testable import SpeclensReport

@Suite("Typed markup")
struct MarkupTests {
    @Test("HTMLText(escaping:) turns untrusted text into text: & < > \" ' become entities")
    func escaping() {
        #expect(
            HTMLText(escaping: "<script>\"a\" & 'b'</script>").escaped
                == "&lt;script&gt;&quot;a&quot; &amp; &#39;b&#39;&lt;/script&gt;")
    }

    @Test("interpolation keeps literal markup, escapes interpolated strings, inserts markup and integers as they are")
    func interpolation() {
        let name = "<b>x</b>&"
        let link: HTMLText = "<a href=\"#top\">top</a>"
        let html: HTMLText = "<td>\(name)</td><td>\(42)</td>\(link)"
        #expect(html.escaped == "<td>&lt;b&gt;x&lt;/b&gt;&amp;</td><td>42</td><a href=\"#top\">top</a>")
    }

    @Test("each language escapes for itself: XML like HTML, Markdown with backslashes")
    func languages() {
        #expect(XMLText(escaping: "a<b\u{01}").escaped == "a&lt;b")
        #expect(MarkdownText(escaping: "*x* [l](u)").escaped == "\\*x\\* \\[l\\]\\(u\\)")
    }

    @Test("markup joins with a separator and appends in place")
    func joining() {
        var html: HTMLText = "<p>"
        html += [HTMLText(escaping: "a<"), "<br>", HTMLText(escaping: "b")].joined(separator: " ")
        #expect(html.escaped == "<p>a&lt; <br> b")
        #expect(HTMLText.empty.isEmpty && !html.isEmpty)
    }

    @Test("an inline SVG document keeps its XML-escaped text inside HTML")
    func inlineSVG() {
        let svg: XMLText = "<svg><title>\("a<b")</title></svg>"
        #expect(HTMLText(inlineSVG: svg).escaped == "<svg><title>a&lt;b</title></svg>")
    }
}
