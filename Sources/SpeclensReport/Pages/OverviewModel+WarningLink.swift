extension OverviewModel {
    /// A run with warnings, linked from the box at the top of the overview.
    struct WarningLink: TemplateModel {
        let id: HTMLText
        let anchor: HTMLText
        let count: HTMLText

        var templateFields: [String: TemplateValue] {
            ["idHTML": .markup(id), "anchor": .markup(anchor), "count": .markup(count)]
        }
    }
}
