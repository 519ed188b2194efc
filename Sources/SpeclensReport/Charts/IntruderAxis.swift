import SpeclensDataset

/// The intruders axis of the experiment figures: each run's intruders at the ε in force over all
/// matrices, as a count or a fraction (``IntruderScale``), with its title and CSV column.
struct IntruderAxis {
    /// The ε in force, as shown.
    let epsilonText: String
    /// Count or fraction of the top-k vectors.
    let scale: IntruderScale

    init(_ figures: FigureSettings) {
        epsilonText = NumberFormat.epsilon(figures.epsilon)
        scale = figures.intruderScale
    }

    /// The axis title.
    var title: String { IntruderTotals.axisTitle(scale, "at ε = \(epsilonText), all matrices") }

    /// The CSV column.
    var column: String { scale == .count ? "intruders_at_epsilon" : "intruder_fraction_at_epsilon" }

    /// A run's value on the axis.
    func value(_ run: FineTuneRun) -> Double { ExperimentFigures.intruders(run, scale: scale) }
}
