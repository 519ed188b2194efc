import SpeclensDataset

/// How null controls (W0 plus a random update of the run's ‖ΔW‖_F, docs/method.md §1.5) are drawn:
/// as grey reference curves, one dash pattern per kind, with the marker of the run they control
/// where a chart has several runs.
enum NullControlStyle {
    /// The grey of every control curve (readable on the light and the dark page background).
    static let color = "#8f8f8f"

    /// The kinds in drawing and column order.
    static let kinds: [NullControlKind] = [.isotropic, .lowRank]

    /// Dash pattern of `kind`: dashed for isotropic noise, dotted for a low-rank product.
    static func dash(_ kind: NullControlKind) -> String {
        switch kind {
        case .isotropic: return "7 3"
        case .lowRank: return "1.5 2.5"
        }
    }

    /// Marker of `kind` in a chart of one run (circle: isotropic, square: low-rank).
    static func marker(_ kind: NullControlKind) -> ChartMarker {
        kind == .isotropic ? .circle : .square
    }

    /// `isotropic null control` or `low-rank null control`.
    static func name(_ kind: NullControlKind) -> String {
        switch kind {
        case .isotropic: return "isotropic null control"
        case .lowRank: return "low-rank null control"
        }
    }

    /// `isotropic control` or `low-rank control`, for CSV headers after a run label.
    static func shortName(_ kind: NullControlKind) -> String {
        switch kind {
        case .isotropic: return "isotropic control"
        case .lowRank: return "low-rank control"
        }
    }

    /// A CSV column stem: `isotropic_control` or `low_rank_control`.
    static func column(_ kind: NullControlKind) -> String {
        kind.rawValue + "_control"
    }

    /// The legend entry of `kind`: a grey line in its dash pattern; `runMarkers` says that each
    /// curve carries its run's marker (charts of several runs), else the kind's own marker.
    static func legendEntry(_ kind: NullControlKind, runMarkers: Bool) -> ChartLegend.Entry {
        .init(
            label: name(kind) + (runMarkers ? " (grey; marker of its run)" : " (grey)"),
            sample: .line(color: color, dash: dash(kind), marker: runMarkers ? nil : marker(kind)))
    }

    /// `dashed` or `dotted`: the pattern of `kind` in words.
    static func patternName(_ kind: NullControlKind) -> String {
        kind == .isotropic ? "dashed" : "dotted"
    }

    /// A sentence for chart descriptions and captions (with a leading space): which grey curves
    /// the chart draws (`kinds`), or, when it draws none, why: the dataset has no null controls
    /// (`computed` false) or no run has one for the charted matrices.
    static func chartClause(kinds: [NullControlKind], computed: Bool, runMarkers: Bool) -> String {
        guard !kinds.isEmpty else {
            return computed
                ? " No run has a null control for these matrices (none changed)."
                : " Null controls were not computed for this dataset, so no chance reference is drawn."
        }
        return " Grey lines: null controls, W0 plus a random update of the same Frobenius norm ("
            + kinds.map { "\(patternName($0)): \(name($0))" }.joined(separator: ", ") + ")"
            + (runMarkers ? ", with the marker of their run." : ".")
    }
}
