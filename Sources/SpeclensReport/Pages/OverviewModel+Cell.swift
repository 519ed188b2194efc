extension OverviewModel {
    struct Cell: TemplateModel {
        let intruders: HTMLText
        /// The effective rank, with the near-storage-resolution mark where flagged.
        let effectiveRank: HTMLText
        let frobeniusDelta: HTMLText
        let relativeChange: HTMLText
        let isIntruder: Bool

        var templateFields: [String: TemplateValue] {
            [
                "intruders": .markup(intruders), "effectiveRank": .markup(effectiveRank),
                "frobeniusDelta": .markup(frobeniusDelta), "relativeChange": .markup(relativeChange),
                "isIntruder": .flag(isIntruder),
            ]
        }
    }
}
