import SpeclensCheckpoints

/// The top `l` singular triplets of a row-major `out × in` float32 matrix W, computed without a
/// full SVD by blocked subspace iteration and certified (docs/method.md §1.6).
///
/// The block of `b = l + oversampling` right vectors starts from given warm-start vectors (W0's
/// top right singular vectors when W is a fine-tune of W0) and seeded Gaussian columns, and is
/// iterated `X ← orth(Wᵀ·orth(W·X))` in float32. Every few iterations a Rayleigh–Ritz step is
/// taken in float64 (`Y = W·X`, `Q = orth(Y)`, SVD of `QᵀW`), giving Ritz triplets
/// `(σ̃_i, u_i, v_i)` with residuals `r1_i = ‖W v_i − σ̃_i u_i‖` and `r2_i = ‖Wᵀu_i − σ̃_i v_i‖`.
/// By Wedin's theorem the angle θ_i between each Ritz vector (either side) and the exact singular
/// vector satisfies `sin θ_i ≤ √(r1_i² + r2_i²) / gap_i`, where `gap_i` is the distance from σ̃_i
/// to every other exact singular value: above, `σ̃_{i−1} − σ̃_i` (Ritz values are lower bounds of
/// the exact ones); below, `σ̃_i − max_{i<j≤l}(σ̃_j + ρ_j)`, using the Ritz values down to the
/// (l+1)-th of the oversampled block widened by their residual norms `ρ_j`.
///
/// The first `strict` triplets must reach ``strictTolerance``, the others up to `l` the looser
/// ``looseTolerance``; when they do not within the iteration budget, ``compute(of:count:strict:warmStart:seed:maxIterations:oversampling:)``
/// returns nil and the caller takes the exact path.
public struct TopSingularTriplets: Sendable {
    /// Bound on sin θ required of the top-k vectors (the intruder test): with the exact path's own
    /// float32 error, their max |cos| then stays within 1e-4 of the exact path's.
    static let strictTolerance = 5e-5
    /// Bound on sin θ required of vectors k+1 … N, used only by the similarity heat map (whose
    /// cells are drawn at two decimals).
    static let looseTolerance = 1e-2

    /// The `l` triplets in the layout of ``SingularValueDecomposition`` (`values.count == l`).
    public let decomposition: SingularValueDecomposition
    /// The certified bound on sin θ of each triplet.
    let sineBounds: [Double]
    /// Subspace iterations taken (each one product with W and one with Wᵀ).
    public let iterations: Int

    /// The certified top `count` triplets of `w`, or nil when they could not be certified within
    /// `maxIterations` (or the block would not be smaller than the matrix).
    /// - Parameters:
    ///   - count: l, the number of triplets wanted (`strict ≤ l`).
    ///   - strict: how many of the top triplets need ``strictTolerance``.
    ///   - warmStart: up to l starting right vectors, as rows of an `r × in` row-major matrix
    ///     (e.g. W0's `rightTransposed`); only the first `min(r, l)` rows are used.
    ///   - seed: seeds the Gaussian columns of the starting block.
    public static func compute(
        of w: Matrix, count l: Int, strict: Int, warmStart: Matrix? = nil, seed: UInt64,
        maxIterations: Int, oversampling: Int = 16
    ) -> TopSingularTriplets? {
        let (m, n) = (w.rows, w.columns)
        let b = min(l + oversampling, min(m, n))
        guard l >= 1, b > l, maxIterations >= 1 else { return nil }
        let iteration = RandomizedBlock(w: w, size: b)
        var x = iteration.startingBlock(warmStart: warmStart, warmCount: l, seed: seed)
        var done = 0
        var nextCheck = min(4, maxIterations)
        while true {
            iteration.step(&x)
            done += 1
            guard done >= nextCheck else { continue }
            let ritz = iteration.rayleighRitz(x)
            let bounds = ritz.sineBounds(count: l)
            let needed = (0..<l).map { $0 < strict ? strictTolerance : looseTolerance }
            // How far the least certified triplet is from its tolerance (≤ 1: all certified).
            let worst = zip(bounds, needed).map { $0 / $1 }.max() ?? 0
            if worst <= 1 {
                return TopSingularTriplets(
                    decomposition: ritz.decomposition(count: l), sineBounds: bounds, iterations: done)
            }
            guard done < maxIterations else { return nil }
            x = ritz.rightVectorsFloat  // restart from the Ritz vectors, a float64 power step ahead
            nextCheck = min(maxIterations, done + max(2, done / 2))
        }
    }

}
