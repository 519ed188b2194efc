extension OverviewModel {
    /// A link to a side-by-side page.
    struct CompareLink: TemplateModel {
        let name: HTMLText
        let href: HTMLText

        var templateFields: [String: TemplateValue] { ["nameHTML": .markup(name), "href": .markup(href)] }
    }
}
