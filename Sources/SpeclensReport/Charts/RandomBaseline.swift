import SpeclensDataset

/// The random-direction baseline shared by matrices of one shape class: the max |cos| of a
/// uniformly random unit vector of the compared space (dimension n) against the p pre-trained
/// singular vectors of that side, as the dataset records it (a Monte Carlo estimate with its 95th
/// percentile; `√(2 ln n / n)` and no percentile in datasets written before the estimate).
struct RandomBaseline: Equatable, Sendable {
    /// Dimension n of the compared space.
    let dimension: Int
    /// Number p = min(out, in) of pre-trained singular vectors compared against.
    let vectors: Int
    /// The expected max |cos| (`random_baseline_max_cosine`).
    let value: Double
    /// Its 95th percentile (`random_baseline_max_cosine_p95`); nil in older datasets.
    let percentile95: Double?
    /// How many matrices share it.
    let matrices: Int

    /// The baseline of `base`, for one matrix.
    init(_ base: BaseMatrixRecord) {
        self.init(
            dimension: base.vectorDimension, vectors: Self.vectors(base), value: base.randomBaselineMaxCosine,
            percentile95: base.randomBaselineMaxCosineP95, matrices: 1)
    }

    init(dimension: Int, vectors: Int, value: Double, percentile95: Double?, matrices: Int) {
        self.dimension = dimension
        self.vectors = vectors
        self.value = value
        self.percentile95 = percentile95
        self.matrices = matrices
    }

    /// p = min(out, in) of `base` (the count of its singular values when the shape is unusual).
    static func vectors(_ base: BaseMatrixRecord) -> Int {
        base.shape.count == 2 ? min(base.shape[0], base.shape[1]) : base.singularValues.count
    }

    /// Whether the value is the Monte Carlo estimate (it has a percentile) rather than the older
    /// `√(2 ln n / n)`.
    var isMonteCarlo: Bool { percentile95 != nil }

    /// `n = 384` when the p vectors span the whole space, else `n = 1536, p = 384`.
    var shapeText: String {
        vectors >= dimension ? "n = \(dimension)" : "n = \(dimension), p = \(vectors)"
    }

    /// A short chart label: `n=384` or `n=1536, p=384`.
    var shortLabel: String {
        vectors >= dimension ? "n=\(dimension)" : "n=\(dimension), p=\(vectors)"
    }

    /// `0.162 (95th percentile 0.195)`, or `0.176` without a percentile.
    var valueText: String {
        NumberFormat.fixed(value, 3) + (percentile95.map { " (95th percentile \(NumberFormat.fixed($0, 3)))" } ?? "")
    }

    /// How the value was obtained, in words (plain text): the Monte Carlo estimate, or the older
    /// asymptotic formula.
    var methodText: String {
        isMonteCarlo
            ? "the expected max |cos| of a uniformly random unit vector in dimension n against the p pre-trained singular vectors (a seeded Monte Carlo estimate)"
            : "√(2 ln n / n), the asymptotic max |cos| of a random unit vector against a complete basis (a dataset written before the Monte Carlo estimate)"
    }

    /// The distinct baselines of `bases`, one per (n, p), ascending by n then p, each with how many
    /// matrices share it (the first matrix's values stand for the class).
    static func distinct(_ bases: [BaseMatrixRecord]) -> [RandomBaseline] {
        var byShape: [[Int]: RandomBaseline] = [:]
        for base in bases {
            let key = [base.vectorDimension, vectors(base)]
            if let known = byShape[key] {
                byShape[key] = RandomBaseline(
                    dimension: known.dimension, vectors: known.vectors, value: known.value,
                    percentile95: known.percentile95, matrices: known.matrices + 1)
            } else {
                byShape[key] = RandomBaseline(base)
            }
        }
        return byShape.keys.sorted { $0.lexicographicallyPrecedes($1) }.map { byShape[$0]! }
    }
}
