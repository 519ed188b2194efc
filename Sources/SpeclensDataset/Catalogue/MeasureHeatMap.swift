/// How a per-matrix quantity is drawn as a layer × module heat map per run on the overview.
/// Quantities without one get no heat map.
public struct MeasureHeatMap: Sendable {
    /// Where the maps go on the overview.
    public enum Placement: Sendable, Equatable {
        /// Beside the mean effective ranks.
        case effectiveRank
        /// In "Norms and relative change".
        case norms
        /// A section of their own, titled by the measure's label.
        case ownSection
    }

    /// How the colour scales of the runs' maps relate.
    public enum Scale: Sendable, Equatable {
        /// Each run on its own scale, 0 to its largest value (one shared scale when the report
        /// is asked for shared rank scales).
        case perRun
        /// One scale for every run, 0 to the largest value of any run, so that the runs compare.
        case shared
    }

    /// The stem of the chart files (`<stem>-<run slug>`).
    public let stem: String
    /// The colour bar's title.
    public let short: String
    /// How a cell's value is written in the cell, and in the chart's CSV.
    public let cell: NumberStyle
    public let csv: NumberStyle
    /// Where the maps go, and how their scales relate.
    public let placement: Placement
    public let scale: Scale
    /// Whether cells near storage resolution are marked (their value depends on the rounding floor).
    public let marksStorageResolution: Bool
    /// A cell's value; nil draws it grey (e.g. an unchanged matrix).
    public let value: @Sendable (MatrixComparison) -> Double?

    public init(
        stem: String, short: String, cell: NumberStyle, csv: NumberStyle, placement: Placement, scale: Scale,
        marksStorageResolution: Bool = false, value: @escaping @Sendable (MatrixComparison) -> Double?
    ) {
        self.stem = stem
        self.short = short
        self.cell = cell
        self.csv = csv
        self.placement = placement
        self.scale = scale
        self.marksStorageResolution = marksStorageResolution
        self.value = value
    }
}
