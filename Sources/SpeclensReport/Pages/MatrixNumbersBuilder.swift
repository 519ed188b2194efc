import SpeclensDataset

/// Makes the rows of a run's numbers table on a matrix page: the one place that lists them.
enum MatrixNumbersBuilder {
    /// The rows of a run's numbers table for `comparison` of `base`, counted at the ε in force
    /// `epsilon`; the intruders' energy share holds at `analysisEpsilon` only (the dataset keeps
    /// the share, not each vector's part of it), which its label names when the two differ.
    static func rows(base: BaseMatrixRecord, comparison: MatrixComparison, run: FineTuneRun, epsilon: Double,
                        analysisEpsilon: Double? = nil) -> [MatrixModel.Number] {
        let epsilonText = NumberFormat.epsilon(epsilon)
        var numbers: [MatrixModel.Number] = [
            .init(label: "intruders at ε = \(epsilonText) (top \(base.topK))", value: "\(comparison.intruders)"),
        ]
        if comparison.spanFractionTopK != nil {
            numbers.append(.init(label: HTMLText(escaping: "of them outside the pre-trained span (f² < 1/2)"),
                                 value: "\(comparison.intrudersOutsideSpan(epsilon: epsilon))"))
        }
        for control in NullControlStyle.kinds.compactMap({ kind in comparison.nullControls?.first { $0.kind == kind } }) {
            numbers.append(.init(
                label: "\(NullControlStyle.name(control.kind)) (rank \(control.rank)): intruders at ε = \(epsilonText)",
                value: "\(control.intruders(atEpsilon: epsilon))"))
        }
        let baseline = RandomBaseline(base)
        let rank = HTMLText(escaping: NumberFormat.optional(comparison.effectiveRank) { NumberFormat.fixed($0, 2) })
        numbers += [
            .init(label: "random-direction baseline (\(baseline.shapeText))", value: HTMLText(escaping: baseline.valueText)),
            .init(label: "effective rank of ΔW",
                  value: comparison.changed && StorageCaveat.isFlagged(comparison) ? rank + GroupPageSupport.markedRank : rank),
            .init(label: "numerical rank of ΔW", value: "\(comparison.numericalRank)"),
            .init(label: "stable rank of ΔW", value: "\(NumberFormat.optional(comparison.stableRank) { NumberFormat.fixed($0, 2) })"),
            .init(label: "‖ΔW‖_F", value: "\(NumberFormat.significant(comparison.frobeniusDelta, 4))"),
            .init(label: "‖ΔW‖_2", value: "\(NumberFormat.significant(comparison.spectralNormDelta, 4))"),
            .init(label: "relative change ‖ΔW‖_F / ‖W0‖_F",
                  value: "\(NumberFormat.optional(comparison.relativeChange) { NumberFormat.significant($0, 4) })"),
            .init(label: "effective-rank cutoff σ", value: "\(NumberFormat.significant(comparison.effectiveRankCutoff, 3))"),
        ]
        if let floor = comparison.roundingNoiseFloor {
            numbers.append(.init(label: "rounding floor of the storage formats", value: "\(NumberFormat.significant(floor, 3))"))
        }
        numbers.append(.init(label: "storage format of W0 / Wt", value: HTMLText(escaping: storageFormats(base: base, comparison: comparison, run: run))))
        if comparison.changed, let share = comparison.intruderEnergyShare {
            let at = analysisEpsilon.flatMap { $0 == epsilon ? nil : " (intruders at the analysis ε = \(NumberFormat.epsilon($0)))" } ?? ""
            numbers.append(.init(label: HTMLText(escaping: "intruders' share of ‖ΔW‖²_F" + at), value: "\(NumberFormat.fixed(share, 3))"))
        }
        if let lowRank = comparison.lowRankMeasures {
            func mean(_ values: [Float]) -> String {
                values.isEmpty ? "–" : NumberFormat.fixed(values.reduce(0.0) { $0 + Double($1) } / Double(values.count), 3)
            }
            numbers += [
                .init(label: "A rows vs W0's top-\(lowRank.rank) right vectors (mean cos of principal angles)", value: HTMLText(escaping: mean(lowRank.aRowSpaceCosines))),
                .init(label: "B columns vs W0's top-\(lowRank.rank) left vectors (mean cos of principal angles)", value: HTMLText(escaping: mean(lowRank.bColumnSpaceCosines))),
                .init(label: "subspace similarity of ΔW's and W0's top-\(lowRank.rank) left spaces", value: "\(NumberFormat.fixed(lowRank.subspaceSimilarity, 3))"),
                .init(label: "amplification ‖ΔW‖_F / ‖U_rᵀ W0 V_r‖_F", value: HTMLText(escaping: NumberFormat.optional(lowRank.amplification) { NumberFormat.significant($0, 3) })),
            ]
        }
        return numbers + PreviousStepText.numbers(run, matrix: comparison.name, topK: base.topK, epsilon: epsilon)
    }

    /// `F32 / BF16`; for an exact LoRA update (no stored Wt) or an unchanged matrix, in words.
    static func storageFormats(base: BaseMatrixRecord, comparison: MatrixComparison, run: FineTuneRun) -> String {
        let w0 = base.dtype?.rawValue ?? "not recorded"
        if let tuned = comparison.tunedDtype { return "\(w0) / \(tuned.rawValue)" }
        if !comparison.changed { return "\(w0) / unchanged" }
        return run.kind == .lora ? "\(w0) / none: the exact update s·B·A from the adapter's factors" : "\(w0) / not recorded"
    }
}
