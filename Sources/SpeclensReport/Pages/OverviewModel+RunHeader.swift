extension OverviewModel {
    struct RunHeader: TemplateModel {
        let id: HTMLText

        var templateFields: [String: TemplateValue] { ["idHTML": .markup(id)] }
    }
}
