/// A language that report output is written in, with the escaping that makes untrusted text
/// (tensor names, paths, run ids, metadata) stay text in it. Used as the type parameter of
/// `Markup`, so that text escaped for one language cannot be placed in another by mistake.
protocol MarkupLanguage: Sendable {
    /// `text` made safe to appear as literal text in this language.
    static func escape(_ text: String) -> String
}
