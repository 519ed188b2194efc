import SpeclensDataset

/// What the report says about a stack step's comparison with the previous step
/// (`FineTuneRun.againstPreviousStep`): a sentence for the run's section of the overview, and
/// rows for its numbers table on a matrix page. Counted at the ε in force like everything else.
enum PreviousStepText {
    /// The previous step's name for readers: its label (or id) when it is in `runs`, else its id.
    static func previousName(_ comparison: StepComparison, among runs: [FineTuneRun]) -> String {
        runs.first { $0.id == comparison.previous }.map(RunLabel.text) ?? comparison.previous.rawValue
    }

    /// `against the previous step (X): 3 intruders at ε = 0.50 in 2 matrices; mean effective rank
    /// of the step's own update 1.0`; empty when the run has no such comparison.
    static func summary(_ run: FineTuneRun, among runs: [FineTuneRun], epsilon: Double) -> String {
        guard let comparison = run.againstPreviousStep else { return "" }
        let withIntruders = comparison.matrices.filter { $0.intruders(atEpsilon: epsilon) > 0 }.count
        let rank = NumberFormat.optional(comparison.summary.meanEffectiveRank) { NumberFormat.fixed($0, 1) }
        return
            "against the previous step (\(previousName(comparison, among: runs)), its merged weights in place of the base's): "
            + "\(comparison.intruders(atEpsilon: epsilon)) intruders at ε = \(NumberFormat.epsilon(epsilon)) in \(withIntruders) "
            + "matrices; mean effective rank of the step's own update \(rank) over \(comparison.summary.analysedMatrices - comparison.summary.unchangedMatrices) changed matrices"
    }

    /// The rows for matrix `name` of a stack step against the previous step; empty when the run
    /// has no such comparison for it.
    static func numbers(_ run: FineTuneRun, matrix name: String, topK: Int, epsilon: Double) -> [MatrixModel.Number] {
        guard let comparison = run.againstPreviousStep?.matrices.first(where: { $0.name == name }) else { return [] }
        let against = "against the previous step: "
        return [
            .init(
                label: HTMLText(escaping: against + "intruders at ε = \(NumberFormat.epsilon(epsilon)) (top \(topK))"),
                value: HTMLText(escaping: "\(comparison.intruders(atEpsilon: epsilon))")),
            .init(
                label: HTMLText(escaping: against + "effective rank of the step's own update"),
                value: HTMLText(escaping: NumberFormat.optional(comparison.effectiveRank) { NumberFormat.fixed($0, 2) })
            ),
            .init(
                label: HTMLText(escaping: against + "‖ΔW‖_F of the step's own update"),
                value: HTMLText(escaping: NumberFormat.significant(comparison.frobeniusDelta, 4))),
            .init(
                label: HTMLText(escaping: against + "relative change against the previous step's weights"),
                value: HTMLText(
                    escaping: NumberFormat.optional(comparison.relativeChange) { NumberFormat.significant($0, 4) })),
        ]
    }
}
