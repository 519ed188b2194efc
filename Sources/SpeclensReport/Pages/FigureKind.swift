/// The kinds of figure the chart gallery groups by, in gallery order. Each chart builder states
/// the kind of the charts it makes (`Chart.kind`).
enum FigureKind: Int, CaseIterable, Comparable {
    case epsilonCurves, comparisons, layerModuleMaps, effectiveRank, spectrumFractions, similarity, maxCosine, spectra,
        other

    static func < (a: FigureKind, b: FigureKind) -> Bool { a.rawValue < b.rawValue }

    /// The stem of the kind's own gallery page.
    var slug: String {
        switch self {
        case .epsilonCurves: return "epsilon-curves"
        case .comparisons: return "comparisons"
        case .layerModuleMaps: return "layer-module-maps"
        case .effectiveRank: return "effective-rank"
        case .spectrumFractions: return "spectrum-fractions"
        case .similarity: return "similarity"
        case .maxCosine: return "max-cosine"
        case .spectra: return "spectra"
        case .other: return "other"
        }
    }

    /// The section title (plain text).
    var title: String {
        switch self {
        case .epsilonCurves: return "Intruders versus ε"
        case .comparisons: return "Comparing runs"
        case .layerModuleMaps: return "Layer × module maps"
        case .effectiveRank: return "Mean effective rank per run"
        case .spectrumFractions: return "Intruders across the spectrum"
        case .similarity: return "Similarity heat maps"
        case .maxCosine: return "Max |cos| of the top k vectors"
        case .spectra: return "Spectra of W0, Wt and ΔW"
        case .other: return "Other figures"
        }
    }
}
