/// Which computation gave a fine-tuned matrix's singular vectors (docs/method.md §1.6), recorded
/// per comparison and per null control so results can be audited.
public enum DecompositionPath: String, Codable, Sendable, Hashable, CaseIterable {
    /// Certified top triplets from the randomized subspace iteration.
    case randomized
    /// The triplets (the top l, or all of them for a whole spectrum of a matrix at least twice as
    /// long as wide) from the eigenpairs of the float64 Gram matrix (`WᵀW` or `WWᵀ`, the smaller),
    /// the other side derived as `W·v / σ`: a direct method, more accurate than the float32 SVD
    /// for the triplets it returns (it is not used when the last of them has `σ / σ_1 < 10⁻³`).
    case gram
    /// As `gram`, for a low-rank update `Wt = W0 + s·B·A` (a LoRA run or a low-rank null
    /// control): the Gram matrix is formed in W0's singular basis from W0's decomposition and the
    /// factors, at a fraction of the cost. Its accuracy is that of W0's float32 decomposition,
    /// the same as LAPACK's float32 SVD of Wt (docs/method.md §1.6).
    case gramLowRank = "gram_low_rank"
    /// An exact LAPACK decomposition chosen up front: the whole spectrum was needed, the matrix
    /// was small enough for the exact SVD to be the cheaper one, or the exact path was asked for.
    case exact
    /// An exact LAPACK decomposition after the randomized iteration could not certify the top
    /// vectors within its budget (e.g. near-equal singular values at the k boundary).
    case exactFallback = "exact_fallback"
}
