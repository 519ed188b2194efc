import SpeclensDataset

/// The random-direction baselines of the dataset's matrix shapes, as a table, as one line and how
/// they were obtained (part of `OverviewModel`).
struct OverviewBaselines: TemplateModel {
    let baselines: [OverviewModel.Baseline]
    /// The same as one `<span class="baseline">` per shape class, separated by semicolons.
    let baselineList: HTMLText
    /// How the baselines were obtained (`RandomBaseline.methodText`).
    let baselineMethod: HTMLText

    /// The baselines of the matrices `bases`.
    static func make(_ bases: [BaseMatrixRecord]) -> OverviewBaselines {
        let distinct = RandomBaseline.distinct(bases)
        let rows = distinct.map {
            OverviewModel.Baseline(
                dimension: "\($0.dimension)", shape: HTMLText(escaping: $0.shapeText),
                value: HTMLText(escaping: NumberFormat.fixed($0.value, 3)),
                percentile95: $0.percentile95.map { HTMLText(escaping: NumberFormat.fixed($0, 3)) } ?? .empty,
                matrices: "\($0.matrices)")
        }
        let list = distinct.map { baseline -> HTMLText in
            let percentile: HTMLText =
                baseline.percentile95.map { " (95th percentile \(NumberFormat.fixed($0, 3)))" } ?? .empty
            return
                "<span class=\"baseline\">\(baseline.shapeText): <strong>\(NumberFormat.fixed(baseline.value, 3))</strong>"
                + "\(percentile), \(baseline.matrices) matrices</span>"
        }.joined(separator: "; ")
        let method =
            distinct.allSatisfy(\.isMonteCarlo)
            ? "the expected max |cos| of a uniformly random unit vector of the compared space (dimension n) against the p pre-trained singular vectors of that side, a seeded Monte Carlo estimate, given with its 95th percentile"
            : distinct.first { !$0.isMonteCarlo }?.methodText ?? ""
        return OverviewBaselines(baselines: rows, baselineList: list, baselineMethod: HTMLText(escaping: method))
    }

    var templateFields: [String: TemplateValue] {
        [
            "baselines": .models(baselines), "hasBaselines": .flag(!baselines.isEmpty),
            "baselineList": .markup(baselineList), "baselineMethod": .markup(baselineMethod),
        ]
    }
}
