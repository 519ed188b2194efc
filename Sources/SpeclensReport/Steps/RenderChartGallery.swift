/// Renders `gallery.html` from `gallery.md`: every standalone chart file as a small thumbnail
/// (its SVG scaled down by `<img>`), linked to the SVG, its CSV and the page showing it, grouped
/// by figure kind (`FigureKind`), for readers who want to cut charts for papers. Skipped when the
/// layout writes no chart files.
struct RenderChartGallery: SiteStep {
    let name = "Render chart gallery"
    /// Kinds with more charts than this start folded.
    static let foldAbove = 24

    func run(in context: inout SiteContext) throws {
        guard context.layout.writesChartFiles else { return }
        var byKind: [FigureKind: [GalleryModel.Item]] = [:]
        for record in context.charts {
            byKind[FigureKind(group: record.group, path: record.chart.path), default: []].append(GalleryModel.Item(
                caption: record.chart.svg.title, group: record.group, svgHref: record.chart.path + ".svg",
                csvHref: record.chart.path + ".csv", pageHref: record.page))
        }
        let kinds = FigureKind.allCases.compactMap { kind -> GalleryModel.Kind? in
            guard let items = byKind[kind] else { return nil }
            return GalleryModel.Kind(title: kind.title, anchor: "kind-\(kind.rawValue)", charts: items, open: items.count <= Self.foldAbove)
        }
        let model = GalleryModel(chartCount: String(context.charts.count), kinds: kinds)
        try context.addPage(template: "gallery.md", model: model, title: "Chart gallery", root: "", path: "gallery.html")
    }
}
