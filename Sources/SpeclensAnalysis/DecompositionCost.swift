/// The cost model choosing between the randomized top triplets and the exact decompositions
/// (docs/method.md §1.6), in float32 multiply-adds, calibrated on the development machine
/// (OpenBLAS 0.3.21, 2 cores; see README "Performance").
enum DecompositionCost {
    /// Extra block columns beyond l in the randomized iteration: more columns cost more per
    /// iteration but make the ratio σ_{b+1}/σ_l that sets the convergence rate smaller; on
    /// trained-weight-like spectra 32 converges in about half the iterations of 16.
    static let oversampling = 32

    /// `sgesdd` with all vectors costs about `exactFactor · out · in · min(out, in)` (measured
    /// 8.4–9.8 for 768×768 … 3072×768, one thread).
    static let exactFactor = 9.0
    /// `sgesvdx` for the top 32 triplets costs about `selectedFactor · out · in · min(out, in)`
    /// (measured 4.0–4.6 for the same shapes: about the values-only `sgesdd`).
    static let selectedFactor = 4.5
    /// One float64 Rayleigh–Ritz step with residuals (three float64 passes over W) costs about
    /// this many float32 iterations.
    static let certificationIterations = 3.5

    /// How many subspace iterations (each `4 · out · in · b`) plus two certification steps fit in
    /// the cost of the cheaper exact top-l decomposition; 0 when the block would not be smaller
    /// than the matrix.
    static func iterationBudget(rows: Int, columns: Int, count l: Int) -> Int {
        let p = min(rows, columns)
        let b = min(l + oversampling, p)
        guard b > l else { return 0 }
        let exact = min(exactFactor, selectedFactor) * Double(rows) * Double(columns) * Double(p)
        let iteration = 4 * Double(rows) * Double(columns) * Double(b)
        return max(0, Int(exact / iteration - 2 * certificationIterations))
    }
}
