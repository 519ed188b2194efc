extension OverviewModel {
    /// A link to a module-type or layer page, with totals at ε.
    struct GroupLink: TemplateModel {
        let name: HTMLText
        /// Nil when the group has no page (the single file).
        let href: HTMLText?
        let matrices: HTMLText
        /// Per run, `run: n` intruders at ε.
        let intruders: HTMLText

        var templateFields: [String: TemplateValue] {
            [
                "nameHTML": .markup(name), "href": .markup(href ?? .empty), "hasHref": .flag(href != nil),
                "matrices": .markup(matrices), "intrudersHTML": .markup(intruders),
            ]
        }
    }
}
