/// XML, for SVG charts: text content and attribute values (`TextEscaping.xml`).
enum XMLLanguage: MarkupLanguage {
    static func escape(_ text: String) -> String { TextEscaping.xml(text) }
}
