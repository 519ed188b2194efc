import SpeclensCheckpoints
import SpeclensDataset
import SpeclensLinearAlgebra

/// Decomposes a fine-tuned matrix (a run's Wt or a null control's W0 + noise) by the cheapest
/// path that gives what the analysis needs (docs/method.md §1.6):
/// - where the whole spectrum is needed, every triplet: from the float64 Gram matrix for
///   matrices at least twice as long as wide (the other side derived from Wt where it is read,
///   ``SingularValueDecomposition/derivedSide``), else (or under the `exact` policy) by `sgesdd`;
/// - elsewhere the top `l = max(k, N)` triplets: from the float64 Gram matrix
///   (``GramEigenTriplets``), or by LAPACK's selected-triplet `sgesvdx` where that path does not
///   apply (`σ_l / σ_1 < 10⁻³`) or the exact path is asked for.
///
/// For a low-rank update of W0 the Gram matrix comes from W0's decomposition and the factors
/// (``FactoredGram``) instead of from Wt's entries.
///
/// The certified randomized subspace iteration (``TopSingularTriplets``) runs only when asked
/// for (`randomized`): on the benchmark spectra it needs more products with W to certify than the
/// Gram path costs, at 768 and at 4096 (Benchmarks/README.md).
struct TunedDecomposer {
    let parameters: AnalysisParameters

    /// A decomposition and the path that computed it.
    struct Result {
        /// All triplets (whole spectrum) or the top l.
        let decomposition: SingularValueDecomposition
        let path: DecompositionPath
    }

    /// Subspace iterations allowed under the `randomized` policy.
    static let iterationBudget = 150
    /// Block columns beyond l: more columns cost more per iteration but make the ratio
    /// σ_{b+1}/σ_l that sets the convergence rate smaller; on trained-weight-like spectra 32
    /// converges in about half the iterations of 16.
    static let oversampling = 32

    /// - Parameters:
    ///   - base: W0's decomposition, whose top right vectors start the iteration.
    ///   - w0: W0 itself (`out × in`), for the Gram matrix of a low-rank update.
    ///   - wholeSpectrum: whether every triplet is needed.
    ///   - seed: seeds the random columns of the starting block.
    ///   - topOnly: only the top k triplets are needed (a null control, which has no similarity
    ///     block), not `max(k, N)`.
    ///   - update: Wt's update when it is low-rank (`Wt = W0 + s·B·A`): the Gram paths then form
    ///     the Gram matrix from `base` and the factors (``FactoredGram``, recorded `gramLowRank`).
    func decompose(
        _ wt: Matrix, base: SingularValueDecomposition, w0: Matrix, wholeSpectrum: Bool, seed: UInt64, name: String,
        topOnly: Bool = false, update: LowRankUpdate? = nil
    ) throws -> Result {
        let p = min(wt.rows, wt.columns)
        let k = min(parameters.topK, p)
        let l = topOnly ? k : max(k, min(parameters.similarityTopN, p))
        let factored =
            parameters.tunedDecomposition == .exact
            ? nil : update.flatMap { FactoredGram(base: base, w0: w0, update: $0) }
        let gramPath: DecompositionPath = factored == nil ? .gram : .gramLowRank
        if wholeSpectrum {
            if parameters.tunedDecomposition != .exact,
                let all = GramEigenTriplets.allWhereCheaper(of: wt, factored: factored)
            {
                return Result(decomposition: all, path: gramPath)
            }
            return Result(
                decomposition: try AnalysisError.mappingLinearAlgebra {
                    try SingularValueDecomposition(of: wt, name: name)
                }, path: .exact)
        }
        switch parameters.tunedDecomposition {
        case .automatic:
            if let top = GramEigenTriplets.top(of: wt, count: l, factored: factored) {
                return Result(decomposition: top, path: gramPath)
            }
            return Result(decomposition: try Self.exactTop(wt, count: l, name: name), path: .exact)
        case .randomized:
            if let top = TopSingularTriplets.compute(
                of: wt, count: l, strict: k, warmStart: base.rightRows(l), seed: seed,
                maxIterations: Self.iterationBudget, oversampling: Self.oversampling)
            {
                return Result(decomposition: top.decomposition, path: .randomized)
            }
            return Result(decomposition: try Self.exactTop(wt, count: l, name: name), path: .exactFallback)
        case .exact:
            return Result(decomposition: try Self.exactTop(wt, count: l, name: name), path: .exact)
        }
    }

    /// The exact top `count` triplets by LAPACK `sgesvdx` (about half the cost of `sgesdd` with
    /// every vector).
    static func exactTop(_ matrix: Matrix, count: Int, name: String) throws -> SingularValueDecomposition {
        try AnalysisError.mappingLinearAlgebra {
            try SingularValueDecomposition.top(of: matrix, count: count, name: name)
        }
    }

    /// The seed of a run's starting block for matrix `name` (FNV-1a of the name).
    static func seed(matrix name: String) -> UInt64 {
        NullControlPlan(run: "", matrix: name, lowRank: nil).seed
    }
}
