/// A CSS class of a chart element. In pages and web-style files, `style.css` or the standalone
/// style sheet styles it; in paper-style files it is replaced by `paperAttributes`.
enum SVGClass: String, Sendable {
    /// Axis lines and tick marks.
    case ax
    /// Grid lines.
    case grid
    /// Text labels.
    case lbl
    /// Titles (axis titles, panel titles).
    case ttl
    /// Secondary labels.
    case sub
    /// Cells with no value.
    case na
    /// A plot's outline.
    case frame
    /// A data series group.
    case series
    /// The legend group.
    case legend
    /// An axis group.
    case axis
    /// A colour-bar group.
    case colorbar

    /// Presentation attributes standing in for the class in the paper style (no style sheet).
    var paperAttributes: [(name: String, value: String)] {
        switch self {
        case .ax: return [("stroke", "#000000")]
        case .grid: return [("stroke", "#cccccc"), ("stroke-width", "0.6")]
        case .ttl: return [("font-weight", "bold")]
        case .sub: return [("fill", "#444444")]
        case .na: return [("fill", "#e6e6e6")]
        case .frame: return [("fill", "none"), ("stroke", "#555555")]
        case .lbl, .series, .legend, .axis, .colorbar: return []
        }
    }
}
