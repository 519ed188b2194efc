import CLapacke
import SpeclensCheckpoints

/// Thin SVD `W = U Σ Vᵀ` of a row-major `out × in` float32 matrix, computed by LAPACK `sgesdd`
/// (falling back to `sgesvd` when it does not converge).
///
/// A row-major `out × in` buffer is the column-major `in × out` matrix Wᵀ, whose SVD is
/// `V Σ Uᵀ`; LAPACK is called column-major on that buffer, which needs no transposed copies.
///
/// A decomposition from the float64 Gram matrix of a long matrix may store one side only and
/// derive the other from W when it is read (``derivedSide``, ``DerivedSingularVectors``): the
/// base decompositions, whose comparisons need the derived side only in products.
public struct SingularValueDecomposition: Sendable {
    /// `p = min(out, in)` singular values, descending.
    public let values: [Float]
    private let storedLeft: Matrix?
    private let storedRightTransposed: Matrix?
    /// The side not stored, derived from W when read; nil when both are stored.
    private let derived: DerivedSingularVectors?

    /// U, `out × p` row-major: column i is the left singular vector u_i (output space). When it is
    /// the ``derivedSide``, formed from W on first use (`out·in·p` float64 multiply-adds).
    public var left: Matrix {
        storedLeft ?? derived!.matrix(stored: storedRightTransposed!, values: values)
    }
    /// Vᵀ, `p × in` row-major: row i is the right singular vector v_i (input space). When it is
    /// the ``derivedSide``, formed from W on first use.
    public var rightTransposed: Matrix {
        storedRightTransposed ?? derived!.matrix(stored: storedLeft!, values: values)
    }

    /// Number of singular triplets held (`min(out, in)` for a whole decomposition).
    public var count: Int { values.count }
    /// The side derived from W when read instead of stored; nil when both are stored.
    public var derivedSide: DecompositionSide? { derived?.side }
    /// W's rows (out).
    public var rows: Int { storedLeft?.rows ?? derived!.source.rows }
    /// W's columns (in).
    public var columns: Int { storedRightTransposed?.columns ?? derived!.source.columns }

    /// The full thin decomposition of `matrix`. `name` only labels errors.
    public init(of matrix: Matrix, name: String) throws {
        let p = min(matrix.rows, matrix.columns)
        let (s, u, vt) = try Self.decompose(matrix, vectors: true, name: name)
        values = s
        // vt is p × out column-major, i.e. out × p row-major: exactly U_W.
        storedLeft = Matrix(rows: matrix.rows, columns: p, values: vt)
        // u is in × p column-major, i.e. p × in row-major: exactly V_Wᵀ.
        storedRightTransposed = Matrix(rows: p, columns: matrix.columns, values: u)
        derived = nil
    }

    /// A decomposition holding both sides (e.g. only the top l triplets of a matrix).
    public init(values: [Float], left: Matrix, rightTransposed: Matrix) {
        self.values = values
        storedLeft = left
        storedRightTransposed = rightTransposed
        derived = nil
    }

    /// A decomposition of `source` storing one side, `stored` (Vᵀ, `p × in`, when `derivedSide` is
    /// `.left`; U, `out × p`, when it is `.right`), and deriving the other from `source` (`formed`:
    /// that side as formed before, if it was).
    public init(values: [Float], stored: Matrix, derivedSide: DecompositionSide, source: Matrix, formed: Matrix? = nil)
    {
        self.values = values
        storedLeft = derivedSide == .left ? nil : stored
        storedRightTransposed = derivedSide == .left ? stored : nil
        derived = DerivedSingularVectors(side: derivedSide, source: source, formed: formed)
    }

    /// Forms the derived side now (where it will be read whole, e.g. before the decomposition is
    /// cached for a whole-spectrum comparison); nothing when both sides are stored.
    public func formDerivedSide() {
        guard let derived, let storedSide else { return }
        _ = derived.matrix(stored: storedSide, values: values)
    }

    /// The derived side if it has been formed (nil when it has not, or none is derived).
    public var formedDerivedSide: Matrix? { derived?.formedMatrix }

    /// U's first `count` columns (`out × count`); only those are derived when U is (always by the
    /// same product, whether or not U was formed, so that the bits never depend on what ran before).
    public func leftColumns(_ count: Int) -> Matrix {
        if let storedLeft { return MatrixProduct.columns(storedLeft, count) }
        return derived!.vectors(first: count, stored: storedRightTransposed!, values: values)
    }

    /// Vᵀ's first `count` rows (`count × in`); only those are derived when V is (as for
    /// ``leftColumns(_:)``).
    public func rightRows(_ count: Int) -> Matrix {
        if let storedRightTransposed { return MatrixProduct.rows(storedRightTransposed, count) }
        return derived!.vectors(first: count, stored: storedLeft!, values: values)
    }

    /// The derived side's vectors against the columns of `x` without forming that side: `Uᵀ·X`
    /// (`x` `out × b`) or `Vᵀ·Y` (`x` `in × b`), `count × b` row-major in float64; nil when both
    /// sides are stored.
    public func derivedProjections(_ x: [Double], columns b: Int) -> [Double]? {
        guard let derived, let storedSide else { return nil }
        return derived.projections(x, columns: b, stored: storedSide, values: values)
    }

    /// The stored side: Vᵀ when U is derived, U when V is, nil when both are stored.
    public var storedSide: Matrix? {
        guard let derived else { return nil }
        return derived.side == .left ? storedRightTransposed : storedLeft
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
        // LAPACK's bidiagonal QR iterates without end on NaN: refuse it as a damaged matrix.
        let nonFinite = matrix.values.reduce(0) { $0 + ($1.isFinite ? 0 : 1) }
        guard nonFinite == 0 else { throw LinearAlgebraError.nonFiniteMatrix(matrix: name, count: nonFinite) }
        let (rows, columns) = (matrix.rows, matrix.columns)
        let p = min(rows, columns)
        let m = Int32(columns)
        let n = Int32(rows)
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
                throw LinearAlgebraError.lapackFailure(routine: "sgesvd", info: Int(info), matrix: name)
            }
        } else if info < 0 {
            throw LinearAlgebraError.lapackFailure(routine: "sgesdd", info: Int(info), matrix: name)
        }
        return (s, vectors ? u : [], vectors ? vt : [])
    }

    static func checkSize(_ matrix: Matrix, name: String) throws {
        guard matrix.rows > 0, matrix.columns > 0,
            matrix.rows < Int(Int32.max), matrix.columns < Int(Int32.max),
            matrix.rows.multipliedReportingOverflow(by: matrix.columns).partialValue < Int(Int32.max)
        else {
            throw LinearAlgebraError.matrixTooLarge(matrix: name, shape: matrix.shape)
        }
    }

    static func char(_ c: Unicode.Scalar) -> CChar {
        CChar(truncatingIfNeeded: UInt8(ascii: c))
    }
}
