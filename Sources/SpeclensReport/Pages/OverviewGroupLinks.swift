/// The overview's links to the module-type and layer pages (with totals at ε) and to the
/// side-by-side pages (part of `OverviewModel`).
struct OverviewGroupLinks: TemplateModel {
    let moduleLinks: [OverviewModel.GroupLink]
    let layerLinks: [OverviewModel.GroupLink]
    /// Links to the side-by-side pages (runs as columns) of module types and layers; empty when
    /// there are none.
    let compareModuleLinks: [OverviewModel.CompareLink]
    let compareLayerLinks: [OverviewModel.CompareLink]

    var templateFields: [String: TemplateValue] {
        [
            "moduleLinks": .models(moduleLinks), "hasModuleLinks": .flag(!moduleLinks.isEmpty),
            "layerLinks": .models(layerLinks), "hasLayerLinks": .flag(!layerLinks.isEmpty),
            "manyLayers": .flag(layerLinks.count > OverviewModel.compactListLength),
            "compareModuleLinks": .models(compareModuleLinks), "compareLayerLinks": .models(compareLayerLinks),
            "hasCompareLinks": .flag(!compareModuleLinks.isEmpty || !compareLayerLinks.isEmpty),
        ]
    }
}
