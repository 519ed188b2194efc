/// Markdown that is safe to hand to cmark as it is (see `Markup`).
typealias MarkdownText = Markup<MarkdownLanguage>
