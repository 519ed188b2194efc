import SpeclensCheckpoints
import SpeclensDataset

/// Decomposes a fine-tuned matrix (a run's Wt or a null control's W0 + noise) by the cheapest
/// path that gives what the analysis needs (docs/method.md §1.6): the exact SVD with every
/// vector where the whole spectrum is needed; else the certified randomized top
/// `l = max(k, N)` triplets, warm-started from W0's top right vectors, when the cost model
/// expects them to be cheaper than the exact top triplets (always, under the `randomized`
/// policy); else, or when they cannot be certified, the exact top l triplets.
struct TunedDecomposer {
    let parameters: AnalysisParameters

    /// A decomposition and the path that computed it.
    struct Result {
        /// All triplets (whole spectrum) or the top l.
        let decomposition: SingularValueDecomposition
        let path: DecompositionPath
    }

    /// Iteration budget of the `randomized` policy (no cost limit; the fallback still applies).
    static let forcedBudget = 150
    /// Below this many affordable iterations the exact path is taken directly. On trained-weight-
    /// like spectra certification takes more iterations than the budget allows at 768 × 768
    /// (measured: almost every attempt fell back, Benchmarks/fastpath.sh), so attempts start where
    /// at least 16 fit (`min(out, in)` ≳ 1,600 with the defaults).
    static let minimumBudget = 16

    /// - Parameters:
    ///   - base: W0's decomposition, whose top right vectors start the iteration.
    ///   - wholeSpectrum: whether every triplet is needed.
    ///   - seed: seeds the random columns of the starting block.
    ///   - topOnly: only the top k triplets are needed (a null control, which has no similarity
    ///     block), not `max(k, N)`.
    func decompose(
        _ wt: Matrix, base: SingularValueDecomposition, wholeSpectrum: Bool, seed: UInt64, name: String,
        topOnly: Bool = false
    ) throws -> Result {
        let p = min(wt.rows, wt.columns)
        let k = min(parameters.topK, p), l = topOnly ? k : max(k, min(parameters.similarityTopN, p))
        if wholeSpectrum {
            return Result(decomposition: try SingularValueDecomposition(of: wt, name: name), path: .exact)
        }
        let budget: Int
        switch parameters.tunedDecomposition {
        case .exact: budget = 0
        case .randomized: budget = Self.forcedBudget
        case .automatic: budget = DecompositionCost.iterationBudget(rows: wt.rows, columns: wt.columns, count: l)
        }
        guard budget >= Self.minimumBudget || (parameters.tunedDecomposition == .randomized && budget > 0) else {
            return Result(decomposition: try Self.exactTop(wt, count: l, name: name), path: .exact)
        }
        if let top = TopSingularTriplets.compute(
            of: wt, count: l, strict: k, warmStart: base.rightTransposed, seed: seed, maxIterations: budget,
            oversampling: DecompositionCost.oversampling, giveUpEarly: parameters.tunedDecomposition == .automatic)
        {
            return Result(decomposition: top.decomposition, path: .randomized)
        }
        return Result(decomposition: try Self.exactTop(wt, count: l, name: name), path: .exactFallback)
    }

    /// The exact top `count` triplets by LAPACK `sgesvdx` (about half the cost of `sgesdd` with
    /// every vector, ``DecompositionCost``).
    static func exactTop(_ matrix: Matrix, count: Int, name: String) throws -> SingularValueDecomposition {
        try SingularValueDecomposition.top(of: matrix, count: count, name: name)
    }

    /// The seed of a run's starting block for matrix `name` (FNV-1a of the name).
    static func seed(matrix name: String) -> UInt64 {
        NullControlPlan(run: "", matrix: name, lowRank: nil).seed
    }
}
