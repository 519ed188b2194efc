import CLapacke
import SpeclensCheckpoints

/// Thin SVD `W = U Σ Vᵀ` of a row-major `out × in` float32 matrix, computed by LAPACK `sgesdd`
/// (falling back to `sgesvd` when it does not converge).
///
/// A row-major `out × in` buffer is the column-major `in × out` matrix Wᵀ, whose SVD is
/// `V Σ Uᵀ`; LAPACK is called column-major on that buffer, which needs no transposed copies.
public struct SingularValueDecomposition: Sendable {
    /// `p = min(out, in)` singular values, descending.
    public let values: [Float]
    /// U, `out × p` row-major: column i is the left singular vector u_i (output space).
    public let left: Matrix
    /// Vᵀ, `p × in` row-major: row i is the right singular vector v_i (input space).
    public let rightTransposed: Matrix

    /// Number of singular triplets, `min(out, in)`.
    public var count: Int { values.count }

    /// The full thin decomposition of `matrix`. `name` only labels errors.
    public init(of matrix: Matrix, name: String) throws {
        let p = min(matrix.rows, matrix.columns)
        let (s, u, vt) = try Self.decompose(matrix, vectors: true, name: name)
        values = s
        // vt is p × out column-major, i.e. out × p row-major: exactly U_W.
        left = Matrix(rows: matrix.rows, columns: p, values: vt)
        // u is in × p column-major, i.e. p × in row-major: exactly V_Wᵀ.
        rightTransposed = Matrix(rows: p, columns: matrix.columns, values: u)
    }

    /// Singular values only (descending), which LAPACK computes about twice as fast.
    public static func values(of matrix: Matrix, name: String) throws -> [Float] {
        try decompose(matrix, vectors: false, name: name).values
    }

    /// LAPACK `sgesdd` on the column-major view Wᵀ (`m = in`, `n = out`), retried with `sgesvd`
    /// when it does not converge. With `vectors`, also U_A = V_W (`in × p` column-major) and
    /// V_Aᵀ = U_Wᵀ (`p × out` column-major); without, those arrays are empty.
    private static func decompose(_ matrix: Matrix, vectors: Bool, name: String) throws
        -> (values: [Float], u: [Float], vt: [Float])
    {
        try checkSize(matrix, name: name)
        let (rows, columns) = (matrix.rows, matrix.columns)
        let p = min(rows, columns)
        let m = Int32(columns), n = Int32(rows)
        let job = char(vectors ? "S" : "N")
        var a = matrix.values  // LAPACK overwrites its input: work on a copy.
        var s = [Float](repeating: 0, count: p)
        var u = [Float](repeating: 0, count: vectors ? columns * p : 1)
        var vt = [Float](repeating: 0, count: vectors ? p * rows : 1)
        let (ldu, ldvt) = vectors ? (m, Int32(p)) : (1, 1)
        var info = LAPACKE_sgesdd(LAPACK_COL_MAJOR, job, m, n, &a, m, &s, &u, ldu, &vt, ldvt)
        if info > 0 {
            a = matrix.values
            var superb = [Float](repeating: 0, count: max(1, p))
            info = LAPACKE_sgesvd(LAPACK_COL_MAJOR, job, job, m, n, &a, m, &s, &u, ldu, &vt, ldvt, &superb)
            if info != 0 {
                throw AnalysisError.lapackFailure(routine: "sgesvd", info: Int(info), matrix: name)
            }
        } else if info < 0 {
            throw AnalysisError.lapackFailure(routine: "sgesdd", info: Int(info), matrix: name)
        }
        return (s, vectors ? u : [], vectors ? vt : [])
    }

    static func checkSize(_ matrix: Matrix, name: String) throws {
        guard matrix.rows > 0, matrix.columns > 0,
            matrix.rows < Int(Int32.max), matrix.columns < Int(Int32.max),
            matrix.rows.multipliedReportingOverflow(by: matrix.columns).partialValue < Int(Int32.max)
        else {
            throw AnalysisError.matrixTooLarge(matrix: name, shape: matrix.shape)
        }
    }

    static func char(_ c: Unicode.Scalar) -> CChar {
        CChar(truncatingIfNeeded: UInt8(ascii: c))
    }
}
