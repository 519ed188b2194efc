/// Where a chart with one series per run puts its legend.
public enum LegendPlacement: String, Sendable, CaseIterable {
    /// Rows above the plot (the default).
    case top
    /// One entry per line to the right of the plot (the figure gets wider).
    case right
    /// Rows below the x-axis title.
    case bottom
    /// No legend: for a figure whose caption names the series; the CSV keeps every label.
    case none
}
