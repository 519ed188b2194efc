import CCmark
import Foundation

/// CommonMark to HTML with libcmark. Raw HTML blocks (tables, figures with inline SVG that the
/// report builds itself) pass through, which is why the input is `MarkdownText`: template output
/// whose values were escaped for Markdown, and whose `{{{…}}}` values were `HTMLText`.
enum MarkdownRenderer {
    /// The HTML of `markdown`.
    static func html(_ markdown: MarkdownText) -> HTMLText {
        HTMLText(trustedMarkup: html(source: markdown.escaped))
    }

    private static func html(source markdown: String) -> String {
        let bytes = Array(markdown.utf8)
        let options = CMARK_OPT_UNSAFE | CMARK_OPT_SMART
        guard
            let result = bytes.withUnsafeBufferPointer({ buffer in
                buffer.baseAddress!.withMemoryRebound(to: CChar.self, capacity: max(buffer.count, 1)) {
                    cmark_markdown_to_html($0, buffer.count, options)
                }
            })
        else { return "" }
        defer { free(result) }
        return String(cString: result)
    }
}
