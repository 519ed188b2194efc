/// Frames every rendered page of the site in `layout.html` and adds it as an output file, with its
/// canonical URL under `--base-url` and the site's navigation.
struct FrameSitePages: SiteStep {
    let name = "Frame site pages"

    func run(in context: inout SiteContext) throws {
        for page in context.pages.values.sorted(by: { $0.path < $1.path }) {
            let canonical = context.options.baseURL.map { $0 + (page.path == "index.html" ? "" : page.path) }
            let model = LayoutModel(
                dataset: context.dataset, title: page.title, root: page.root, content: page.body, canonical: canonical,
                hasGallery: context.layout.writesChartFiles, singleFile: false, inlineStyle: .empty,
                hasModules: !context.modules.isEmpty, hasLayers: !context.layers.isEmpty,
                hasUpdates: context.pages[RenderUpdatesPage.path] != nil,
                hasExperimentIndex: context.options.linksToExperimentIndex)
            try context.add(page.path, text: try context.templates.html("layout.html", model).escaped)
        }
    }
}
