import SpeclensDataset

/// Renders one page per module type (`modules/<slug>.html`) and per layer
/// (`layers/layer-<n>.html`), from `group.md`: the ε curve and the intruders-across-the-spectrum
/// chart over the group's matrices, and their table.
struct RenderGroupPages: SiteStep {
    let name = "Render module-type and layer pages"

    private struct Group {
        let kind: String, kindPlural: String, anchor: String, name: String
        let page: String, chartStem: String, matrices: [Int]
    }

    func run(in context: inout SiteContext) throws {
        guard !context.singleFile else { return }
        let groups = context.modules.enumerated().map { index, module in
            [Group(kind: "module type", kindPlural: "module types", anchor: "by-module", name: module.name,
                   page: context.modulePage(index), chartStem: "charts/modules/\(module.slug)", matrices: module.matrices)]
        }.flatMap { $0 }
        let layers = context.layers.map { layer in
            Group(kind: "layer", kindPlural: "layers", anchor: "by-layer", name: String(layer.layer),
                  page: context.layerPage(layer.layer), chartStem: "charts/layers/layer-\(layer.layer)", matrices: layer.matrices)
        }
        try render(groups, in: &context)
        try render(layers, in: &context)
    }

    private func render(_ groups: [Group], in context: inout SiteContext) throws {
        let dataset = context.dataset
        for (position, group) in groups.enumerated() {
            let bases = group.matrices.map { dataset.base.matrices[$0] }
            let scope = "\(group.kind) \(group.name)"
            let title = group.kind == "layer" ? "Layer \(group.name)" : "Module type \(group.name)"
            let epsilonFigure = try context.add(
                chart: EpsilonCurveChart.make(dataset: dataset, bases: bases, subset: scope, path: group.chartStem + "-intruders-vs-epsilon"),
                root: "../", group: title, page: group.page)
            let spectrumFigure = try GroupPageSupport.spectrumChart(
                context, bases: bases, scope: scope, path: group.chartStem + "-intruders-across-spectrum"
            ).map { try context.add(chart: $0, root: "../", group: title, page: group.page) } ?? ""
            let previous = position > 0 ? groups[position - 1] : nil
            let next = position + 1 < groups.count ? groups[position + 1] : nil
            func href(_ other: Group) -> String { "../" + other.page }
            let model = GroupModel(
                kind: group.kind, kindPlural: group.kindPlural, anchor: group.anchor, name: group.name,
                matrixCount: String(bases.count), runCount: String(dataset.runs.count),
                epsilon: NumberFormat.epsilon(dataset.parameters.epsilon),
                intruders: GroupPageSupport.intrudersPlain(dataset, names: Set(bases.map(\.name))),
                epsilonFigure: epsilonFigure, spectrumFigure: spectrumFigure, hasSpectrum: !spectrumFigure.isEmpty,
                bucketText: GroupPageSupport.bucketText(max(dataset.parameters.spectrumBuckets, 10)),
                runHeaders: dataset.runs.map { .init(idHTML: TextEscaping.html($0.id.rawValue)) },
                matrices: GroupPageSupport.matrixRows(context, indices: group.matrices, root: "../"),
                previousHref: previous.map(href) ?? "", previousName: previous.map(\.name) ?? "", hasPrevious: previous != nil,
                nextHref: next.map(href) ?? "", nextName: next.map(\.name) ?? "", hasNext: next != nil)
            let page = try context.page(template: "group.md", model: model, title: title, root: "../", path: group.page)
            try context.add(group.page, text: page)
        }
    }
}
