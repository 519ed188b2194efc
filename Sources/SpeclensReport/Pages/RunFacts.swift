import SpeclensDataset

/// A run's manifest facts in words (plain text, escaped where used): its tags, supplied metrics
/// and stack. Empty strings when the run has none.
enum RunFacts {
    /// `family = alpha-2r, rank = 8, task = news` (tags by name).
    static func tags(_ run: FineTuneRun) -> String {
        (run.tags ?? [:]).keys.sorted().map { "\($0) = \(run.tags![$0]!)" }.joined(separator: ", ")
    }

    /// `accuracy = 0.893, forgetting = 0.012` (metrics by name, as supplied).
    static func metrics(_ run: FineTuneRun) -> String {
        (run.metrics ?? [:]).keys.sorted().map { "\($0) = \(NumberFormat.compact(run.metrics![$0]!))" }.joined(
            separator: ", ")
    }

    /// `step 2 of a stack: a → b` for a stack step.
    static func stack(_ run: FineTuneRun) -> String {
        guard let stack = run.stack, !stack.isEmpty else { return "" }
        return "step \(stack.count) of a stack, adapters applied in order: " + stack.joined(separator: " → ")
    }
}
