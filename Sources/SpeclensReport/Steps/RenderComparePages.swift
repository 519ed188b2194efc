import SpeclensDataset

/// Renders the side-by-side pages (`compare/module-<slug>.html`, `compare/layer-<n>.html`, from
/// `compare.md`): for one module type (rows: its layers) or one layer (rows: its modules in
/// model order), a table per measure with the runs as columns — intruders at each reading ε,
/// effective rank and relative change of ΔW. The first column stays in view when the table
/// scrolls sideways (CSS `position: sticky`). Part of layouts that show side by side.
struct RenderComparePages: SiteStep {
    let name = "Render side-by-side pages"

    private struct Group {
        let kind: String, name: String, rowHeading: String
        let page: SitePath, groupPage: SitePath
        /// Matrices (indices into `dataset.base.matrices`) with their row names, in row order.
        let rows: [(matrix: Int, name: String)]
    }

    func run(in context: inout SiteContext) throws {
        guard context.layout.showsSideBySide else { return }
        let bases = context.dataset.base.matrices
        let modules = context.modules.enumerated().map { index, module in
            Group(
                kind: "module type", name: module.name, rowHeading: "layer", page: context.compareModulePage(index),
                groupPage: context.modulePage(index),
                rows: module.matrices.map { ($0, bases[$0].layer.map { "layer \($0)" } ?? bases[$0].name) })
        }
        let order = ModuleOrder.sorted(context.modules.map(\.name))
        let layers = context.layers.map { layer in
            Group(
                kind: "layer", name: String(layer.layer), rowHeading: "module",
                page: context.compareLayerPage(layer.layer),
                groupPage: context.layerPage(layer.layer),
                rows: layer.matrices.sorted {
                    (order.firstIndex(of: bases[$0].module) ?? 0, $0) < (
                        order.firstIndex(of: bases[$1].module) ?? 0, $1
                    )
                }.map { ($0, bases[$0].module) })
        }
        try render(modules, in: &context)
        try render(layers, in: &context)
    }

    /// `name` escaped, with a line-break opportunity (`<wbr>`) after each dot, so that a long
    /// module name wraps between its components rather than inside a word.
    static func breakingAtDots(_ name: String) -> HTMLText {
        name.split(separator: ".", omittingEmptySubsequences: false).map { HTMLText(escaping: String($0)) }
            .joined(separator: ".<wbr>")
    }

    private func render(_ groups: [Group], in context: inout SiteContext) throws {
        let runs = context.dataset.runs
        let columns = runs.indices.map {
            CompareModel.Column(
                label: HTMLText(escaping: runs[$0].displayLabel), swatch: RunSwatch.html(context.reading.runStyles[$0]))
        }
        for (position, group) in groups.enumerated() {
            func link(_ other: Group) -> (name: String, href: String) {
                ("\(other.kind) \(other.name)", other.page.fileName)
            }
            let model = CompareModel(
                kind: group.kind, name: group.name, rowHeading: group.rowHeading,
                groupHref: group.page.link(to: group.groupPage),
                matrixCount: String(group.rows.count), runCount: String(runs.count),
                epsilon: NumberFormat.epsilon(context.reading.epsilon), columns: columns,
                tables: Self.tables(group, context: context),
                previous: position > 0 ? link(groups[position - 1]) : nil,
                next: position + 1 < groups.count ? link(groups[position + 1]) : nil)
            try context.addPage(
                template: "compare.md", model: model, title: "Side by side: \(group.kind) \(group.name)",
                at: group.page)
        }
    }

    /// A group's tables: intruders at each reading ε (with the group's total), effective rank and
    /// relative change of ΔW, one row per matrix and one column per run.
    private static func tables(_ group: Group, context: SiteContext) -> [CompareModel.Table] {
        let dataset = context.dataset
        let runs = dataset.runs
        func row(_ entry: (matrix: Int, name: String), _ cell: (MatrixComparison) -> CompareModel.Cell)
            -> CompareModel.Row
        {
            let base = dataset.base.matrices[entry.matrix]
            return CompareModel.Row(
                name: Self.breakingAtDots(entry.name),
                href: context.matrixHref(entry.matrix, from: group.page).map(HTMLText.init(escaping:)),
                cells: runs.indices.map { run in
                    context.index.comparison(run: run, matrix: base.name).map(cell) ?? .init(value: "–", hot: false)
                },
                total: false)
        }
        func measure(_ title: String, anchor: String, _ value: @escaping (MatrixComparison) -> String)
            -> CompareModel.Table
        {
            .init(
                title: title, anchor: anchor,
                rows: group.rows.map { entry in
                    row(entry) { comparison in
                        .init(
                            value: comparison.changed ? HTMLText(escaping: value(comparison)) : "unchanged", hot: false)
                    }
                })
        }
        var tables: [CompareModel.Table] = []
        for (index, epsilon) in context.reading.epsilons.enumerated() {
            var rows = group.rows.map { entry in
                row(entry) { comparison in
                    let count = index == 0 ? comparison.intruders : comparison.intruders(atEpsilon: epsilon)
                    return .init(value: "\(count)", hot: count > 0)
                }
            }
            let names = Set(group.rows.map { dataset.base.matrices[$0.matrix].name })
            rows.append(
                .init(
                    name: "all \(group.rows.count) matrices", href: nil,
                    cells: runs.map { run in
                        let total = run.matrices.filter { names.contains($0.name) }.reduce(0) {
                            $0 + $1.intruders(atEpsilon: epsilon)
                        }
                        return .init(value: "\(total)", hot: total > 0)
                    }, total: true))
            tables.append(
                .init(
                    title: "Intruders at ε = \(NumberFormat.epsilon(epsilon))" + (index == 0 ? "" : " (also read)"),
                    anchor: "intruders-\(index)", rows: rows))
        }
        tables.append(
            measure("Effective rank of ΔW", anchor: "effective-rank") {
                NumberFormat.optional($0.effectiveRank) { NumberFormat.fixed($0, 2) }
            })
        tables.append(
            measure("Relative change ‖ΔW‖_F / ‖W0‖_F", anchor: "relative-change") {
                NumberFormat.optional($0.relativeChange) { NumberFormat.significant($0, 3) }
            })
        return tables
    }
}
