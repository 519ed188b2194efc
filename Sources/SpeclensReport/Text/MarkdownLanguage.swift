/// CommonMark, the language of the page templates before cmark turns them into HTML: every ASCII
/// punctuation character is backslash-escaped (`TextEscaping.markdown`).
enum MarkdownLanguage: MarkupLanguage {
    static func escape(_ text: String) -> String { TextEscaping.markdown(text) }
}
