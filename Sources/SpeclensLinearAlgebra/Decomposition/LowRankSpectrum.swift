import CLapacke
import SpeclensCheckpoints

/// Singular values of a LoRA update `ΔW = s·B·A` (B `out × r`, A `r × in`) computed exactly from
/// the factors in float64, never from the difference of rounded merged weights:
/// with `B = Q_B R_B` and `Aᵀ = Q_A R_A`, `ΔW = Q_B (s R_B R_Aᵀ) Q_Aᵀ`, so ΔW has the singular
/// values of the small `s R_B R_Aᵀ` (at most r of them; the rest are exactly zero).
public enum LowRankSpectrum {
    /// The singular values (descending) of `scale · b · a`. `name` only labels errors.
    public static func singularValues(b: Matrix, a: Matrix, scale: Double, name: String) throws
        -> [Double]
    {
        let rB = try triangularFactor(of: b, name: name)  // kb × r, row-major
        let rA = try triangularFactor(of: a.transposed(), name: name)  // ka × r, row-major
        let r = b.columns
        let kb = rB.count / max(r, 1)
        let ka = rA.count / max(r, 1)
        guard kb > 0, ka > 0 else { return [] }
        // M = s · R_B · R_Aᵀ, kb × ka, stored column-major for LAPACK.
        var m = [Double](repeating: 0, count: kb * ka)
        for i in 0..<kb {
            for j in 0..<ka {
                var sum = 0.0
                for l in 0..<r { sum += rB[i * r + l] * rA[j * r + l] }
                m[i + j * kb] = scale * sum
            }
        }
        var s = [Double](repeating: 0, count: min(kb, ka))
        var unusedU = 0.0
        var unusedVT = 0.0
        let info = LAPACKE_dgesdd(
            LAPACK_COL_MAJOR, SingularValueDecomposition.char("N"), Int32(kb), Int32(ka), &m,
            Int32(kb), &s, &unusedU, 1, &unusedVT, 1)
        guard info == 0 else {
            throw LinearAlgebraError.lapackFailure(routine: "dgesdd", info: Int(info), matrix: name)
        }
        return s
    }

    /// The upper-triangular factor R (`min(rows, cols) × cols`, row-major) of the QR
    /// decomposition of a tall-or-wide `rows × cols` matrix, in float64.
    static func triangularFactor(of matrix: Matrix, name: String) throws -> [Double] {
        let rows = matrix.rows
        let cols = matrix.columns
        guard rows > 0, cols > 0 else { return [] }
        // Column-major copy in float64.
        var a = [Double](repeating: 0, count: rows * cols)
        for i in 0..<rows {
            for j in 0..<cols { a[i + j * rows] = Double(matrix.values[i * cols + j]) }
        }
        let k = min(rows, cols)
        var tau = [Double](repeating: 0, count: k)
        let info = LAPACKE_dgeqrf(LAPACK_COL_MAJOR, Int32(rows), Int32(cols), &a, Int32(rows), &tau)
        guard info == 0 else {
            throw LinearAlgebraError.lapackFailure(routine: "dgeqrf", info: Int(info), matrix: name)
        }
        var r = [Double](repeating: 0, count: k * cols)
        for i in 0..<k {
            for j in i..<cols { r[i * cols + j] = a[i + j * rows] }
        }
        return r
    }
}
