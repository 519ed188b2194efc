/// A page rendered from its template, before the layout places it: framed as a file of the site,
/// or as a section of the single file.
struct RenderedPage: Sendable {
    /// Where the page sits in the site (`index.html`, `matrices/<slug>.html`, …).
    let path: SitePath
    /// Title (plain text).
    let title: String
    /// The page's content, without the layout around it.
    let body: HTMLText
}
