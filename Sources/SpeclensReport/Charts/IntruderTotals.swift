import SpeclensDataset

/// Intruder totals as a chart shows them (`IntruderScale`): counts, or fractions of the top-k
/// vectors tested over the same matrices.
enum IntruderTotals {
    /// The top-k vectors tested in `run`'s matrices named in `names` (all matrices when nil).
    static func vectors(_ run: FineTuneRun, names: Set<String>?) -> Int {
        run.matrices.reduce(0) { total, matrix in
            names?.contains(matrix.name) ?? true ? total + matrix.maxCosineTopK.count : total
        }
    }

    /// `count` on `scale`: itself, or `count / vectors` (0 when no vector was tested).
    static func value(_ count: Int, vectors: Int, scale: IntruderScale) -> Double {
        switch scale {
        case .count: return Double(count)
        case .fraction: return vectors > 0 ? Double(count) / Double(vectors) : 0
        }
    }

    /// A value on `scale` for a CSV: a whole count, or a fraction with six decimals.
    static func csvText(_ value: Double, scale: IntruderScale) -> String {
        scale == .count ? NumberFormat.fixed(value, 0) : NumberFormat.fixed(value, 6)
    }

    /// The axis title of intruder totals on `scale` (`what` says over what they are summed).
    static func axisTitle(_ scale: IntruderScale, _ what: String) -> String {
        switch scale {
        case .count: return "intruders (count\(what.isEmpty ? "" : ", " + what))"
        case .fraction: return "intruders (fraction of top-k vectors\(what.isEmpty ? "" : ", " + what))"
        }
    }
}
