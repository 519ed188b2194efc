/// Values of `layout.html`. `content` is HTML (use `{{{content}}}`); the rest is plain text.
struct LayoutModel {
    let title: String
    /// Relative path from the page to the site root: `""` or `"../"`.
    let root: String
    let content: String
    /// Whether `gallery.html` exists.
    let hasGallery: Bool
    let version: String
    let schema: String
    let baseName: String
}
