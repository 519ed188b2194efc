/// A page rendered from its template, before the layout places it: framed as a file of the site,
/// or as a section of the single file.
struct RenderedPage: Sendable {
    /// Path relative to the site root (`index.html`, `matrices/<slug>.html`, …).
    let path: String
    /// Title (plain text).
    let title: String
    /// Relative path from the page to the site root: `""` or `"../"`.
    let root: String
    /// The page's content, without the layout around it.
    let body: HTMLText
}
