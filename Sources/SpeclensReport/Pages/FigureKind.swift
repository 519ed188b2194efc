/// The kinds of figure the chart gallery groups by, in gallery order. A chart's kind follows from
/// the page group it was added to and its path stem, which every chart builder names the same way
/// (`…/intruders-vs-epsilon`, `…/<run>-similarity`, …).
enum FigureKind: Int, CaseIterable, Comparable {
    case epsilonCurves, comparisons, layerModuleMaps, effectiveRank, spectrumFractions, similarity, maxCosine, spectra, other

    static func < (a: FigureKind, b: FigureKind) -> Bool { a.rawValue < b.rawValue }

    /// The kind of the chart at `path` (without extension) listed in page group `group`.
    init(group: String, path: String) {
        let stem = path.split(separator: "/").last.map(String.init) ?? path
        let overview = path.hasPrefix("charts/overview/")
        if group == ExperimentFigures.galleryGroup {
            self = .comparisons
        } else if stem.hasSuffix("intruders-vs-epsilon") || stem.hasSuffix("intruders-vs-epsilon-by-module") {
            self = .epsilonCurves
        } else if stem.hasSuffix("intruders-across-spectrum") {
            self = .spectrumFractions
        } else if overview && stem == "effective-rank-mean" {
            self = .effectiveRank
        } else if overview && (stem.hasPrefix("intruders-map-") || stem.hasPrefix("effective-rank-") || stem.hasPrefix("relative-change-")) {
            self = .layerModuleMaps
        } else if stem.hasSuffix("-similarity") {
            self = .similarity
        } else if stem.hasSuffix("-max-cosine") {
            self = .maxCosine
        } else if stem.hasSuffix("-spectrum") {
            self = .spectra
        } else {
            self = .other
        }
    }

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
