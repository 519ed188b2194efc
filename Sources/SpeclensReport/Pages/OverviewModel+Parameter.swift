extension OverviewModel {
    struct Parameter: TemplateModel {
        let label: String
        let value: String

        var templateFields: [String: TemplateValue] { ["label": .text(label), "value": .text(value)] }
    }
}
