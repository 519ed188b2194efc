import SpeclensDataset

/// Renders one page per module type (`modules/<slug>.html`) and per layer
/// (`layers/layer-<n>.html`), from `group.md`: the ε curve and the intruders-across-the-spectrum
/// chart over the group's matrices, and their table. Part of the site layout only.
struct RenderGroupPages: SiteStep {
    let name = "Render module-type and layer pages"

    private struct Group {
        let kind: String, kindPlural: String, anchor: String, name: String
        /// The page, and the link to it from a page of the same kind (nil: no page).
        let page: SitePath, href: String?
        /// The link to its side-by-side page (nil: none).
        let compareHref: String?
        /// Where its charts go, by what they show (`intruders-vs-epsilon`, …).
        let chart: (String) -> SitePath
        let matrices: [Int]
    }

    func run(in context: inout SiteContext) throws {
        let modules = context.modules.enumerated().map { index, module in
            Group(
                kind: "module type", kindPlural: "module types", anchor: "by-module", name: module.name,
                page: context.modulePage(index),
                href: context.layout.modulePageHref(index, from: context.modulePage(index), in: context),
                compareHref: context.layout.showsSideBySide
                    ? context.modulePage(index).link(to: context.compareModulePage(index)) : nil,
                chart: { SitePath.moduleChart(slug: module.slug, $0) }, matrices: module.matrices)
        }
        let layers = context.layers.map { layer in
            Group(
                kind: "layer", kindPlural: "layers", anchor: "by-layer", name: String(layer.layer),
                page: context.layerPage(layer.layer),
                href: context.layout.layerPageHref(layer.layer, from: context.layerPage(layer.layer), in: context),
                compareHref: context.layout.showsSideBySide
                    ? context.layerPage(layer.layer).link(to: context.compareLayerPage(layer.layer)) : nil,
                chart: { SitePath.layerChart(layer.layer, $0) }, matrices: layer.matrices)
        }
        try render(modules, in: &context)
        try render(layers, in: &context)
    }

    private func render(_ groups: [Group], in context: inout SiteContext) throws {
        let dataset = context.dataset
        for (position, group) in groups.enumerated() {
            let bases = group.matrices.map { dataset.base.matrices[$0] }
            let scope = "\(group.kind) \(group.name)"
            let title = group.kind == "layer" ? "Layer \(group.name)" : "Module type \(group.name)"
            let epsilonFigure = try context.add(
                chart: EpsilonCurveChart.make(
                    dataset: dataset, bases: bases, subset: scope, path: group.chart("intruders-vs-epsilon"),
                    figures: context.figures),
                on: group.page, group: title)
            let spectrumFigure =
                try GroupPageSupport.spectrumChart(
                    context, bases: bases, scope: scope, path: group.chart("intruders-across-spectrum")
                ).map { try context.add(chart: $0, on: group.page, group: title) } ?? .empty
            func link(_ other: Group) -> (name: String, href: String)? { other.href.map { (other.name, $0) } }
            let model = GroupModel(
                kind: group.kind, kindPlural: group.kindPlural, anchor: group.anchor, name: group.name,
                compareHref: group.compareHref,
                matrixCount: String(bases.count), runCount: String(dataset.runs.count),
                epsilon: NumberFormat.epsilon(context.reading.epsilon),
                intruders: GroupPageSupport.intrudersText(dataset, names: Set(bases.map(\.name))),
                epsilonFigure: epsilonFigure, controlsText: HTMLText(escaping: NullControlText.sentence(dataset)),
                spectrumFigure: spectrumFigure,
                bucketText: GroupPageSupport.bucketText(max(dataset.parameters.spectrumBuckets, 10)),
                runHeaders: dataset.runs.map { .init(id: HTMLText(escaping: $0.displayLabel)) },
                matrices: GroupPageSupport.matrixRows(context, indices: group.matrices, from: group.page),
                hasMarkedRanks: GroupPageSupport.hasMarkedRanks(context, indices: group.matrices),
                previous: position > 0 ? link(groups[position - 1]) : nil,
                next: position + 1 < groups.count ? link(groups[position + 1]) : nil)
            try context.addPage(template: "group.md", model: model, title: title, at: group.page)
        }
    }
}
