import SpeclensDataset

/// The sentences of the overview's "how to read" box that state a finding, computed from the
/// dataset at hand (plain text): where the ε curves separate, how far the random-direction
/// baselines spread, and the range of mean effective ranks. Nothing here generalises beyond the
/// dataset; statements from the literature name their source.
enum OverviewReading {
    /// Runs listed by name in a sentence; beyond this many, only the extremes are given.
    static let listLimit = 8

    /// `full: 0, lora: 3`, or for many runs the smallest and the largest value.
    static func list(_ runs: [FineTuneRun], _ values: [Int]) -> String {
        guard runs.count > listLimit, let low = values.indices.min(by: { values[$0] < values[$1] }),
            let high = values.indices.max(by: { values[$0] < values[$1] })
        else {
            return zip(runs, values).map { "\($0.displayLabel): \($1)" }.joined(separator: ", ")
        }
        return "from \(values[low]) (\(runs[low].displayLabel)) to \(values[high]) (\(runs[high].displayLabel))"
    }

    /// At the chosen ε `value` (the ε in force), how many runs count intruders; and the first ε of the grid at which the
    /// runs' totals differ (for one run: at which its count first exceeds zero).
    static func epsilonCurve(_ dataset: SpectralDataset, epsilon value: Double) -> String {
        let runs = dataset.runs
        guard !runs.isEmpty else { return "This dataset has no run." }
        let epsilon = NumberFormat.epsilon(value)
        let atChosen = runs.map(\.summary.intruders)
        let with = atChosen.filter { $0 > 0 }.count
        var text = "In this dataset, at the chosen ε = \(epsilon), "
        if runs.count == 1 {
            text += "the run counts \(atChosen[0]) intruder\(atChosen[0] == 1 ? "" : "s")"
        } else if with == 0 {
            text += "no run has an intruder (0 of \(runs.count) runs)"
        } else {
            text += "\(with) of \(runs.count) runs count intruders (\(list(runs, atChosen)))"
        }
        let grid = dataset.parameters.epsilonGrid.sorted()
        let counts = grid.map { value in runs.map { $0.summary.intrudersByEpsilon[value] ?? 0 } }
        if runs.count == 1 {
            if let first = grid.indices.first(where: { counts[$0][0] > 0 }) {
                text +=
                    "; on the grid its count is first above zero at ε = \(EpsilonKey.string(grid[first])) (\(counts[first][0]))"
            } else {
                text += "; it has no intruder at any ε of the grid"
            }
        } else if let first = grid.indices.first(where: { Set(counts[$0]).count > 1 }) {
            text +=
                "; on the grid the runs' curves first differ at ε = \(EpsilonKey.string(grid[first])) (\(list(runs, counts[first])))"
        } else if !grid.isEmpty {
            text += "; the runs' curves coincide at every ε of the grid"
        }
        return text + "."
    }

    /// The spread of the random-direction baselines over the dataset's matrix shapes.
    static func baselines(_ dataset: SpectralDataset) -> String {
        let baselines = RandomBaseline.distinct(dataset.base.matrices).sorted { $0.value < $1.value }
        guard let low = baselines.first, let high = baselines.last else { return "" }
        if baselines.count == 1 {
            return
                "Here the random-direction baseline is \(NumberFormat.fixed(low.value, 3)) for every matrix (\(low.shapeText))."
        }
        return
            "The same ε is stricter where the baseline is higher, since even a random direction comes closer to some "
            + "pre-trained vector there: here the random-direction baseline ranges from \(NumberFormat.fixed(low.value, 3)) (\(low.shapeText)) to \(NumberFormat.fixed(high.value, 3)) "
            + "(\(high.shapeText))."
    }

    /// The range of the runs' mean effective ranks, or nil when no run has one.
    static func effectiveRank(_ dataset: SpectralDataset) -> String? {
        let ranked = dataset.runs.compactMap { run in run.summary.meanEffectiveRank.map { (run, $0) } }
        guard let low = ranked.min(by: { $0.1 < $1.1 }), let high = ranked.max(by: { $0.1 < $1.1 }) else { return nil }
        if ranked.count == 1 {
            return
                "Here the mean effective rank over changed matrices is \(NumberFormat.fixed(low.1, 2)) (\(low.0.displayLabel))."
        }
        return
            "Here the mean effective rank over changed matrices ranges from \(NumberFormat.fixed(low.1, 2)) (\(low.0.displayLabel)) "
            + "to \(NumberFormat.fixed(high.1, 2)) (\(high.0.displayLabel))."
    }
}
