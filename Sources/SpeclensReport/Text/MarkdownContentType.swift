import Mustache

/// Mustache content type for Markdown templates: `{{value}}` is escaped as
/// `MarkdownText(escaping:)`, so untrusted text stays text once cmark turns it into HTML.
struct MarkdownContentType: MustacheContentType {
    /// Name used in the `{{% CONTENT_TYPE: SPECLENS_MARKDOWN}}` pragma.
    static let name = "SPECLENS_MARKDOWN"

    func escapeText(_ text: String) -> String {
        MarkdownText(escaping: text).escaped
    }

    /// Registers the content type with Mustache (idempotent, thread-safe).
    static let registered: Bool = {
        MustacheContentTypes.register(MarkdownContentType(), named: MarkdownContentType.name)
        return true
    }()
}
