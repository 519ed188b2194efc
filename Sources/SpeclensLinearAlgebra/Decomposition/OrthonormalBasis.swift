import CLapacke
import SpeclensCheckpoints

/// Matrices with orthonormal columns: random ones (the Q of a Gaussian matrix's QR decomposition,
/// in float64), for building matrices with a prescribed SVD (synthetic models and analytic tests),
/// and the Q of a given block, for the subspace iterations.
public enum OrthonormalBasis {
    /// An `n × k` matrix (k ≤ n) with orthonormal columns, row-major float64.
    public static func random(rows n: Int, columns k: Int, using random: inout SeededRandom)
        -> [Double]
    {
        precondition(k <= n && k > 0, "OrthonormalBasis.random needs 0 < columns <= rows")
        var a = [Double](repeating: 0, count: n * k)  // column-major
        for index in a.indices { a[index] = random.gaussian() }
        var tau = [Double](repeating: 0, count: k)
        _ = LAPACKE_dgeqrf(LAPACK_COL_MAJOR, Int32(n), Int32(k), &a, Int32(n), &tau)
        _ = LAPACKE_dorgqr(LAPACK_COL_MAJOR, Int32(n), Int32(k), Int32(k), &a, Int32(n), &tau)
        var rowMajor = [Double](repeating: 0, count: n * k)
        for i in 0..<n {
            for j in 0..<k { rowMajor[i * k + j] = a[i + j * n] }
        }
        return rowMajor
    }

    /// `U · diag(sigma) · Vᵀ` as a float32 `out × in` matrix, where U is `out × p` and V is
    /// `in × p` (row-major float64) and `sigma` has p values.
    public static func compose(u: [Double], sigma: [Double], v: [Double], out: Int, in inputs: Int)
        -> Matrix
    {
        let p = sigma.count
        var w = [Float](repeating: 0, count: out * inputs)
        for i in 0..<out {
            for j in 0..<inputs {
                var sum = 0.0
                for l in 0..<p { sum += u[i * p + l] * sigma[l] * v[j * p + l] }
                w[i * inputs + j] = Float(sum)
            }
        }
        return Matrix(rows: out, columns: inputs, values: w)
    }

    /// Replaces the `rows × columns` row-major float32 matrix (rows ≥ columns) by the Q of its QR
    /// decomposition.
    static func orthonormalize(_ a: inout [Float], rows: Int, columns: Int) {
        var tau = [Float](repeating: 0, count: columns)
        _ = LAPACKE_sgeqrf(LAPACK_ROW_MAJOR, Int32(rows), Int32(columns), &a, Int32(columns), &tau)
        _ = LAPACKE_sorgqr(LAPACK_ROW_MAJOR, Int32(rows), Int32(columns), Int32(columns), &a, Int32(columns), &tau)
    }

    /// As the float32 version, in float64.
    static func orthonormalize(_ a: inout [Double], rows: Int, columns: Int) {
        var tau = [Double](repeating: 0, count: columns)
        _ = LAPACKE_dgeqrf(LAPACK_ROW_MAJOR, Int32(rows), Int32(columns), &a, Int32(columns), &tau)
        _ = LAPACKE_dorgqr(LAPACK_ROW_MAJOR, Int32(rows), Int32(columns), Int32(columns), &a, Int32(columns), &tau)
    }
}
