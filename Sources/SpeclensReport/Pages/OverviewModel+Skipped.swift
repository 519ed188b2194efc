extension OverviewModel {
    struct Skipped: TemplateModel {
        let name: HTMLText
        let source: HTMLText
        let reason: HTMLText

        var templateFields: [String: TemplateValue] {
            ["nameHTML": .markup(name), "sourceHTML": .markup(source), "reasonHTML": .markup(reason)]
        }
    }
}
