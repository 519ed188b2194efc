/// Renders the chart gallery from `gallery.md`: every standalone chart file as a small thumbnail
/// (its SVG scaled down by `<img>`), linked to the SVG, its CSV and the page showing it, grouped
/// by figure kind (`FigureKind`), for readers who want to cut charts for papers. `gallery.html`
/// shows the kinds with at most `pageAbove` charts; each larger kind (one chart per matrix and
/// run) gets a page of its own, `gallery/<kind>.html`, linked from it. Skipped when the layout
/// writes no chart files.
struct RenderChartGallery: SiteStep {
    let name = "Render chart gallery"
    /// Kinds with more charts than this get a page of their own.
    static let pageAbove = 48

    func run(in context: inout SiteContext) throws {
        guard context.layout.writesChartFiles else { return }
        var byKind: [FigureKind: [ChartRecord]] = [:]
        for record in context.charts {
            byKind[record.kind, default: []].append(record)
        }
        func items(_ records: [ChartRecord], on page: SitePath) -> [GalleryModel.Item] {
            records.map {
                GalleryModel.Item(
                    caption: $0.title, svgHref: page.link(to: $0.path.adding(extension: "svg")),
                    csvHref: page.link(to: $0.path.adding(extension: "csv")), pageHref: page.link(to: $0.page))
            }
        }
        var kinds: [GalleryModel.Kind] = []
        for kind in FigureKind.allCases {
            guard let records = byKind[kind] else { continue }
            let anchor = "kind-\(kind.rawValue)"
            guard records.count > Self.pageAbove else {
                kinds.append(
                    .init(
                        title: kind.title, anchor: anchor, count: records.count, charts: items(records, on: .gallery),
                        pageHref: nil))
                continue
            }
            let page = SitePath.galleryPage(kind)
            kinds.append(
                .init(
                    title: kind.title, anchor: anchor, count: records.count, charts: [],
                    pageHref: SitePath.gallery.link(to: page)))
            let own = GalleryModel(
                title: "Chart gallery: \(kind.title.lowercased())", chartCount: String(records.count),
                galleryHref: page.link(to: .gallery),
                kinds: [
                    .init(
                        title: kind.title, anchor: anchor, count: records.count, charts: items(records, on: page),
                        pageHref: nil)
                ])
            try context.addPage(template: "gallery.md", model: own, title: "Chart gallery: \(kind.title)", at: page)
        }
        let model = GalleryModel(
            title: "Chart gallery", chartCount: String(context.charts.count), galleryHref: nil, kinds: kinds)
        try context.addPage(template: "gallery.md", model: model, title: "Chart gallery", at: .gallery)
    }
}
