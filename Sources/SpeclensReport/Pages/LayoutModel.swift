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
    /// Absolute URL of the page under `--base-url` (validated; HTML-escaped by the template).
    let canonical: String
    let hasCanonical: Bool
    /// The single-file report: the style sheet is inline and there are no links to other files.
    let singleFile: Bool
    /// CSS text for a `<style>` element (single file only; trusted: it comes from the templates).
    let inlineStyle: String
    let hasModules: Bool
    let hasLayers: Bool
}
