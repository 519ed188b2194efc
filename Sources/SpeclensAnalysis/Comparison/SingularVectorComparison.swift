import SpeclensCheckpoints
import SpeclensDataset
import SpeclensLinearAlgebra

/// Absolute cosines between pre-trained and fine-tuned singular vectors of one side:
/// `cosines[i, j] = |⟨b_i, t_j⟩|` for every pre-trained vector b_i (all `min(out, in)` of them)
/// and the top `tunedCount` fine-tuned vectors t_j. Singular vectors have unit norm, so the dot
/// product is the cosine; the absolute value removes their arbitrary sign.
struct SingularVectorComparison: Sendable {
    /// `p0 × tunedCount` row-major: row i is the pre-trained vector, column j the fine-tuned one.
    let cosines: Matrix

    /// Compares `base` and `tuned` decompositions of same-shaped matrices on `side`.
    init(
        base: SingularValueDecomposition, tuned: SingularValueDecomposition,
        side: SingularVectorSide, tunedCount: Int
    ) {
        let p0 = base.count
        let kt = min(tunedCount, tuned.count)
        if base.derivedSide == side.decompositionSide, 2 * kt < p0 {
            // The base's side is derived from W0: U0ᵀ·Ut = Σ0⁻¹·V0ᵀ·(W0ᵀ·Ut) (or the right-side
            // analogue) in float64, without forming U0 (``DerivedSingularVectors``): kt/p0 of the
            // cost of forming it. For more vectors (a whole spectrum), U0 is formed once and the
            // product taken as for a stored side. The choice depends on the sizes only, so the
            // same comparison always takes the same path.
            let x =
                side == .left
                ? MatrixProduct.columns(tuned.left, kt).values.map(Double.init)
                : MatrixProduct.rows(tuned.rightTransposed, kt).transposed().values.map(Double.init)
            let products = base.derivedProjections(x, columns: kt)!
            cosines = Matrix(rows: p0, columns: kt, values: products.map { abs(Float($0)) })
            return
        }
        var g: Matrix
        switch side {
        case .left:
            // U0ᵀ · Ut[:, :kt]; U is out × p row-major.
            g = MatrixProduct.transposedTimesColumns(base.left, tuned.left, count: kt)
        case .right:
            // V0ᵀ · (Vtᵀ[:kt, :])ᵀ; Vᵀ is p × in row-major.
            g = MatrixProduct.timesTransposedRows(base.rightTransposed, tuned.rightTransposed, count: kt)
        }
        for index in g.values.indices { g.values[index] = abs(g.values[index]) }
        cosines = g
    }

    /// Cosines of an unchanged matrix with itself: exactly the identity on the first columns.
    init(identityOf base: SingularValueDecomposition, tunedCount: Int) {
        let kt = min(tunedCount, base.count)
        var identity = Matrix(zeros: base.count, kt)
        for j in 0..<kt { identity[j, j] = 1 }
        cosines = identity
    }

    /// For each fine-tuned vector j (column), `max_i |⟨b_i, t_j⟩|` over all pre-trained vectors.
    func maxCosines(first count: Int) -> [Float] {
        let kt = min(count, cosines.columns)
        var best = [Float](repeating: 0, count: kt)
        cosines.values.withUnsafeBufferPointer { g in
            for i in 0..<cosines.rows {
                let row = i * cosines.columns
                for j in 0..<kt where g[row + j] > best[j] { best[j] = g[row + j] }
            }
        }
        return best
    }

    /// For each of the first `count` fine-tuned vectors (columns), `‖(|⟨b_i, t_j⟩|)_{i<m}‖₂`: the
    /// norm of its projection on the span of the top `m` pre-trained vectors (`baseVectors`, all
    /// of them by default; 1 when they span the whole space), summed in float64.
    func columnNorms(first count: Int, baseVectors: Int? = nil) -> [Float] {
        let kt = min(count, cosines.columns)
        var sums = [Double](repeating: 0, count: kt)
        for i in 0..<min(baseVectors ?? cosines.rows, cosines.rows) {
            for j in 0..<kt { sums[j] += Double(cosines[i, j]) * Double(cosines[i, j]) }
        }
        return sums.map { Float($0.squareRoot()) }
    }

    /// The top-left `n × n` block: rows pre-trained vectors, columns fine-tuned vectors.
    func similarity(topN n: Int) -> [[Float]] {
        let rows = min(n, cosines.rows)
        let columns = min(n, cosines.columns)
        return (0..<rows).map { i in (0..<columns).map { j in cosines[i, j] } }
    }
}
