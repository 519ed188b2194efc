import SpeclensDataset

/// Makes the overview's links to each module type's and layer's page, with the matrices and the
/// runs' intruders there, and to their side-by-side pages when the layout has them.
struct OverviewGroupLinksBuilder {
    let context: SiteContext

    /// The links.
    func make() -> OverviewGroupLinks {
        let layout = context.layout
        let moduleLinks = context.modules.enumerated().map { index, module in
            link(
                name: HTMLText(escaping: module.name), href: layout.modulePageHref(index, from: .overview, in: context),
                matrices: module.matrices)
        }
        let layerLinks = context.layers.map { layer in
            link(
                name: "layer \(layer.layer)", href: layout.layerPageHref(layer.layer, from: .overview, in: context),
                matrices: layer.matrices)
        }
        guard layout.showsSideBySide else {
            return OverviewGroupLinks(
                moduleLinks: moduleLinks, layerLinks: layerLinks, compareModuleLinks: [], compareLayerLinks: [])
        }
        return OverviewGroupLinks(
            moduleLinks: moduleLinks, layerLinks: layerLinks,
            compareModuleLinks: context.modules.indices.map {
                .init(
                    name: HTMLText(escaping: context.modules[$0].name),
                    href: HTMLText(escaping: SitePath.overview.link(to: context.compareModulePage($0))))
            },
            compareLayerLinks: context.layers.map {
                .init(
                    name: "layer \($0.layer)",
                    href: HTMLText(escaping: SitePath.overview.link(to: context.compareLayerPage($0.layer))))
            })
    }

    /// The link to a group of `matrices` (indices into `dataset.base.matrices`).
    func link(name: HTMLText, href: String?, matrices: [Int]) -> OverviewModel.GroupLink {
        let bases = context.dataset.base.matrices
        return OverviewModel.GroupLink(
            name: name, href: href.map(HTMLText.init(escaping:)), matrices: "\(matrices.count)",
            intruders: HTMLText(
                escaping: GroupPageSupport.intrudersText(context.dataset, names: Set(matrices.map { bases[$0].name }))))
    }
}
