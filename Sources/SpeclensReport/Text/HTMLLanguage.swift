/// HTML: pages, figures and the single-file report. Escapes `& < > " '` (`TextEscaping.html`).
enum HTMLLanguage: MarkupLanguage {
    static func escape(_ text: String) -> String { TextEscaping.html(text) }
}
