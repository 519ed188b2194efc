import SpeclensDataset

/// Values of `layout.html`: the frame around a page's content.
struct LayoutModel: TemplateModel {
    let title: String
    /// Relative link from the page to the site root (`SitePath.root`): `""` or `"../"`.
    let root: String
    let content: HTMLText
    /// Whether `gallery.html` exists.
    let hasGallery: Bool
    let version: String
    let schema: String
    let baseName: String
    /// Absolute URL of the page under `--base-url` (validated; HTML-escaped by the template), nil
    /// for none.
    let canonical: String?
    /// The single-file report: the style sheet is inline and there are no links to other files.
    let singleFile: Bool
    /// The style sheet for a `<style>` element (single file only; from the templates).
    let inlineStyle: HTMLText
    let hasModules: Bool
    let hasLayers: Bool
    /// Whether `updates.html` exists (probe, LoRA alignment, mitigation).
    let hasUpdates: Bool
    /// Whether the navigation links back to the index of a multi-experiment site (`../index.html`
    /// from the report's root).
    let hasExperimentIndex: Bool

    /// The frame of `dataset`'s page `page`; the rest as described on each field.
    init(
        dataset: SpectralDataset, title: String, page: SitePath, content: HTMLText, canonical: String?,
        hasGallery: Bool, singleFile: Bool, inlineStyle: HTMLText, hasModules: Bool, hasLayers: Bool,
        hasUpdates: Bool = false, hasExperimentIndex: Bool = false
    ) {
        self.hasUpdates = hasUpdates
        self.hasExperimentIndex = hasExperimentIndex
        self.title = title
        root = page.root
        self.content = content
        self.hasGallery = hasGallery
        version = dataset.tool.version
        schema = String(dataset.schemaVersion)
        baseName = dataset.base.name
        self.canonical = canonical
        self.singleFile = singleFile
        self.inlineStyle = inlineStyle
        self.hasModules = hasModules
        self.hasLayers = hasLayers
    }

    var templateFields: [String: TemplateValue] {
        [
            "title": .text(title), "root": .text(root), "content": .markup(content),
            "hasGallery": .flag(hasGallery), "version": .text(version), "schema": .text(schema),
            "baseName": .text(baseName), "canonical": .text(canonical ?? ""), "hasCanonical": .flag(canonical != nil),
            "singleFile": .flag(singleFile), "inlineStyle": .markup(inlineStyle),
            "hasModules": .flag(hasModules), "hasLayers": .flag(hasLayers), "hasUpdates": .flag(hasUpdates),
            "hasExperimentIndex": .flag(hasExperimentIndex),
        ]
    }
}
