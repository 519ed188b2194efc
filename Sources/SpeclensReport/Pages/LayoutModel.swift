/// Values of `layout.html`. `content` is HTML (use `{{{content}}}`); the rest is plain text.
struct LayoutModel {
    let title: String
    /// Relative path from the page to the site root: `""` or `"../"`.
    let root: String
    let content: String
    let version: String
    let schema: String
    let baseName: String
}
