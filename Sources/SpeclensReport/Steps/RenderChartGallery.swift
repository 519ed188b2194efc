/// Renders `gallery.html` from `gallery.md`: every standalone chart file, grouped by page, for
/// readers who want to cut charts for papers. Skipped when the layout writes no chart files.
struct RenderChartGallery: SiteStep {
    let name = "Render chart gallery"

    func run(in context: inout SiteContext) throws {
        guard context.layout.writesChartFiles else { return }
        var groups: [GalleryModel.Group] = []
        var current: (title: String, page: String, items: [GalleryModel.Item])?
        for record in context.charts {
            let item = GalleryModel.Item(
                caption: record.title, svgHref: record.path + ".svg", csvHref: record.path + ".csv")
            if let open = current, open.title == record.group, open.page == record.page {
                current?.items.append(item)
            } else {
                if let open = current { groups.append(.init(title: open.title, pageHref: open.page, charts: open.items)) }
                current = (record.group, record.page, [item])
            }
        }
        if let open = current { groups.append(.init(title: open.title, pageHref: open.page, charts: open.items)) }
        let model = GalleryModel(chartCount: String(context.charts.count), groups: groups)
        try context.addPage(template: "gallery.md", model: model, title: "Chart gallery", root: "", path: "gallery.html")
    }
}
