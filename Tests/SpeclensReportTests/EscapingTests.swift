import Testing

@testable import SpeclensReport

@Suite("Escaping and safe names")
struct EscapingTests {
    @Test("Markdown escaping backslash-escapes every ASCII punctuation and flattens line breaks")
    func markdown() {
        #expect(TextEscaping.markdown("a*b_c`d") == "a\\*b\\_c\\`d")
        #expect(TextEscaping.markdown("<script>") == "\\<script\\>")
        #expect(TextEscaping.markdown("x\n# y") == "x \\# y")
        #expect(TextEscaping.markdown("[l](javascript:x)") == "\\[l\\]\\(javascript\\:x\\)")
        #expect(TextEscaping.markdown("ΔW ok") == "ΔW ok")
    }

    @Test("Markdown-escaped text renders as the same literal text through cmark")
    func markdownRoundTrip() {
        let hostile = "<script>alert(1)</script> *emph* `code` [link](javascript:x) {{x}} & \"q\" 'a'"
        let html = MarkdownRenderer.html(MarkdownText(escaping: hostile)).escaped
        #expect(!html.contains("<script"))
        #expect(!html.contains("<em>") && !html.contains("<code>") && !html.contains("<a "))
        #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
        #expect(html.contains("*emph*") && html.contains("{{x}}"))
    }

    @Test("HTML and XML escaping covers & < > \" '")
    func html() {
        #expect(TextEscaping.html("<a href=\"x\">&'</a>") == "&lt;a href=&quot;x&quot;&gt;&amp;&#39;&lt;/a&gt;")
        #expect(TextEscaping.xml("a\u{01}b") == "ab")
    }

    @Test("CSV fields are quoted and formula-like text is neutralised, numbers stay numbers")
    func csv() {
        #expect(TextEscaping.csvField("a,\"b\"") == "\"a,\"\"b\"\"\"")
        #expect(TextEscaping.csvField("=HYPERLINK(\"x\")") == "\"'=HYPERLINK(\"\"x\"\")\"")
        #expect(TextEscaping.csvField("+cmd") == "\"'+cmd\"" && TextEscaping.csvField("@x") == "\"'@x\"")
        #expect(TextEscaping.csvField("-x") == "\"'-x\"")
        #expect(CSVTable(header: ["a", "b"], rows: [["-0.5", "=1+1"]]).text == "\"a\",\"b\"\n-0.5,\"'=1+1\"\n")
        #expect(
            TextEscaping.isPlainNumber("1.5e-3") && !TextEscaping.isPlainNumber("1e") && !TextEscaping.isPlainNumber("")
        )
    }

    @Test("slugs hold only [a-z0-9._-], never start with a dot and are unique")
    func slugs() {
        var slugger = Slugger(maximumLength: 20)
        let names = ["../../etc/passwd", "A.B", "a.b", "<script>", "", "...", String(repeating: "x", count: 50), "A.B"]
        let slugs = names.map { slugger.slug(for: $0, fallback: "m") }
        #expect(Set(slugs).count == slugs.count)
        for slug in slugs {
            #expect(!slug.isEmpty && slug.count <= 24)
            #expect(!slug.hasPrefix(".") && !slug.contains("..") && !slug.contains("/"))
            #expect(
                slug.unicodeScalars.allSatisfy { "abcdefghijklmnopqrstuvwxyz0123456789._-".unicodeScalars.contains($0) }
            )
        }
        #expect(slugs[0] == "etc-passwd")
        #expect(slugs[1] == "a.b" && slugs[2] == "a.b-2" && slugs[7] == "a.b-3")
        #expect(slugs[4] == "m")
    }

    @Test("only safe relative output paths are accepted")
    func outputPaths() {
        #expect(OutputWriter.isSafeRelativePath("matrices/a.b.html"))
        for bad in ["../x", "/etc/passwd", "a//b", "a/./b", ".hidden", "A.html", "a b", ""] {
            #expect(!OutputWriter.isSafeRelativePath(bad), "\(bad)")
        }
    }
}
