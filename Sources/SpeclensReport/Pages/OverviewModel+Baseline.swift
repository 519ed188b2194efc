extension OverviewModel {
    /// A random-direction baseline for one shape class (n, p).
    struct Baseline: TemplateModel {
        /// The dimension n of the compared space.
        let dimension: HTMLText
        /// `n = 384` or `n = 1536, p = 384`.
        let shape: HTMLText
        let value: HTMLText
        /// The 95th percentile, empty in older datasets.
        let percentile95: HTMLText
        let matrices: HTMLText

        var templateFields: [String: TemplateValue] {
            [
                "dimension": .markup(dimension), "shape": .markup(shape), "value": .markup(value),
                "percentile95": .markup(percentile95), "hasPercentile": .flag(!percentile95.isEmpty),
                "matrices": .markup(matrices),
            ]
        }
    }
}
