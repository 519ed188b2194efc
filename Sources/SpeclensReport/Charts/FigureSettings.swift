import SpeclensDataset

/// What the charts of one report that show runs share: each run's style, the reading ε's and the
/// figure options (`ReportOptions`).
struct FigureSettings: Sendable {
    /// Each shown run's style, by its position in the dataset as read.
    let runStyles: [RunStyle]
    /// The reading ε's, the ε in force first.
    let epsilons: [Double]
    /// The ε the dataset was analysed at.
    let analysisEpsilon: Double
    /// The x range of the intruders-versus-ε chart; nil: 0 to 1.
    let epsilonRange: EpsilonRange?
    let intruderScale: IntruderScale
    let legendPlacement: LegendPlacement

    /// The settings of `reading` with `options`.
    init(reading: DatasetReading, options: ReportOptions) {
        runStyles = reading.runStyles
        epsilons = reading.epsilons
        analysisEpsilon = reading.analysisEpsilon
        epsilonRange = options.epsilonRange
        intruderScale = options.intruderScale
        legendPlacement = options.legendPlacement
    }

    /// Defaults for `dataset` read at its analysis ε (for charts made outside a report).
    init(dataset: SpectralDataset) {
        let options = ReportOptions()
        runStyles = RunStyle.assign(to: dataset.runs)
        epsilons = [dataset.parameters.epsilon]
        analysisEpsilon = dataset.parameters.epsilon
        epsilonRange = options.epsilonRange
        intruderScale = options.intruderScale
        legendPlacement = options.legendPlacement
    }

    /// The ε in force.
    var epsilon: Double { epsilons[0] }

    /// The style of the run at `index`, or a palette style when there is none (a chart drawn for
    /// runs the settings do not know).
    func style(_ index: Int) -> RunStyle {
        index < runStyles.count ? runStyles[index] : RunStyle.palette(index)
    }

    /// The legend entry of a run drawn in style `index`.
    func legendEntry(_ label: String, run index: Int) -> ChartLegend.Entry {
        let style = style(index)
        return .init(label: label, sample: .line(color: style.color, dash: style.dash, marker: style.marker))
    }
}
