import CLapacke
import SpeclensCheckpoints

/// The Gram matrix of `Wt = W0 + s·B·A` on its shorter side, written in the basis of W0's
/// singular vectors on that side and formed from W0's decomposition and the factors, without
/// Wt's `out·in·p` Gram product (docs/method.md §1.6).
///
/// With `W0 = U0 Σ0 V0ᵀ` (p = min(out, in) triplets) and `in ≤ out`, V0 is square, so
/// `Wt·V0 = U0 Σ0 + P·Q` with `P = s·B` (`out × r`) and `Q = A·V0` (`r × p`), and, as
/// `Σ0 U0ᵀ = V0ᵀ W0ᵀ`,
///
///     G' = V0ᵀ WtᵀWt V0 = Σ0² + V0ᵀ(W0ᵀP) Q + Qᵀ (PᵀW0)V0 + Qᵀ (PᵀP) Q;
///
/// for `in > out` the same holds for Wtᵀ (U0 square, `P = s·Aᵀ`, `Q = Bᵀ·U0`, `U0ᵀ(W0·P)`). Its
/// eigenvectors y give Wt's singular vectors on that side as `V0·y` (or `U0·y`), its eigenvalues
/// σ². Only W0's vectors on the Gram side are read, so a base decomposition that derives its other
/// side (``SingularValueDecomposition/derivedSide``) never forms it. Every product is in float64
/// (O(out·in·r) multiply-adds for W0's, O(p²·r) for the assembly).
///
/// G' takes Σ0² from W0's float32 decomposition, so its accuracy is that of the decomposition (its
/// backward error, about `2⁻²³·σ₁` in norm, as for LAPACK's SVD of Wt itself), not that of a
/// Gram matrix formed from Wt's entries.
public struct FactoredGram {
    /// p.
    let order: Int
    /// r, the update's rank (E and Qt's columns).
    private let rank: Int
    /// G' in factored form, `G' = Σ0² + E·Qtᵀ + Qt·Eᵀ`: Σ0's values, and E and Qt (`p × r`).
    private let values: [Float], e: [Double], qt: [Double]
    /// W0's singular vectors on the Gram side, as stored: Vᵀ (`p × in`) when `in ≤ out`, else U
    /// (`out × p`).
    private let basis: Matrix
    /// Whether the Gram side is the input side (`in ≤ out`).
    private let inputSide: Bool

    /// G' for W0 (`w0`, `out × in`, with its decomposition `base`) and `update`; nil when the
    /// decomposition does not hold all p triplets or the shapes differ.
    public init?(base: SingularValueDecomposition, w0: Matrix, update: LowRankUpdate) {
        let (m, n) = (w0.rows, w0.columns)
        let p = min(m, n)
        let r = update.rank
        guard p >= 1, r >= 1, base.count == p, base.rows == m, base.columns == n,
            update.b.rows == m, update.a.rows == r, update.a.columns == n
        else { return nil }
        order = p
        rank = r
        inputSide = n <= m
        // ΣC = Σ0·(other side)ᵀ·P (p × r) from W0's entries, Qᵀ (p × r), PᵀP (r × r).
        let sigmaC: [Double]
        let qt: [Double]
        let ptp: [Double]
        if inputSide {  // P = s·B (m × r), ΣC = V0ᵀ·(W0ᵀ·P), Qᵀ = V0ᵀ·Aᵀ
            let pFactor = update.b.values.map { update.scale * Double($0) }
            basis = base.rightTransposed
            sigmaC = Float64Product(basis).times(Float64Product(w0).transposedTimes(pFactor, columns: r), columns: r)
            qt = Float64Product(basis).times(Self.transposed(update.a), columns: r)
            ptp = Self.gram(pFactor, rows: m, columns: r)
        } else {  // P = s·Aᵀ (n × r), ΣC = U0ᵀ·(W0·P), Qᵀ = U0ᵀ·B
            let pFactor = Self.transposed(update.a).map { update.scale * $0 }
            basis = base.left
            sigmaC = Float64Product(basis).transposedTimes(Float64Product(w0).times(pFactor, columns: r), columns: r)
            qt = Float64Product(basis).transposedTimes(update.b.values.map(Double.init), columns: r)
            ptp = Self.gram(pFactor, rows: n, columns: r)
        }
        // G' = Σ² + E·Qtᵀ + Qt·Eᵀ with E = ΣC + ½·Qt·(PᵀP): the last term of G' is
        // Qt (PᵀP) Qtᵀ = ½ (F Qtᵀ + Qt Fᵀ) for F = Qt (PᵀP), PᵀP being symmetric.
        var e = sigmaC
        cblas_dgemm(
            CblasRowMajor, CblasNoTrans, CblasNoTrans, Int32(p), Int32(r), Int32(r), 0.5, qt, Int32(r), ptp, Int32(r),
            1, &e, Int32(r))
        values = base.values
        self.e = e
        self.qt = qt
    }

    /// G', `p × p` row-major with the upper triangle set, formed on each call (`dsyr2k`, O(p²·r)),
    /// so that an eigen-solver that overwrites it holds the only copy.
    func matrix() -> [Double] {
        let (p, r) = (order, rank)
        var g = [Double](repeating: 0, count: p * p)
        for i in 0..<p { g[i * p + i] = Double(values[i]) * Double(values[i]) }
        cblas_dsyr2k(
            CblasRowMajor, CblasUpper, CblasNoTrans, Int32(p), Int32(r), 1, e, Int32(r), qt, Int32(r), 1, &g, Int32(p))
        return g
    }

    /// `G'·Z` for `z` `p × b` row-major, from the factored form: `Σ0²·Z + E·(Qtᵀ·Z) + Qt·(Eᵀ·Z)`,
    /// `p × b` row-major in float64 (O(p·b·r) multiply-adds instead of O(p²·b) with G' formed).
    func times(_ z: [Double], columns b: Int) -> [Double] {
        let (p, r) = (order, rank)
        var out = z
        for i in 0..<p {
            let lambda = Double(values[i]) * Double(values[i])
            for j in 0..<b { out[i * b + j] *= lambda }
        }
        guard r > 0, b > 0 else { return out }
        var qtz = [Double](repeating: 0, count: r * b)
        var etz = [Double](repeating: 0, count: r * b)
        cblas_dgemm(
            CblasRowMajor, CblasTrans, CblasNoTrans, Int32(r), Int32(b), Int32(p), 1, qt, Int32(r), z, Int32(b), 0,
            &qtz, Int32(b))
        cblas_dgemm(
            CblasRowMajor, CblasTrans, CblasNoTrans, Int32(r), Int32(b), Int32(p), 1, e, Int32(r), z, Int32(b), 0, &etz,
            Int32(b))
        cblas_dgemm(
            CblasRowMajor, CblasNoTrans, CblasNoTrans, Int32(p), Int32(b), Int32(r), 1, e, Int32(r), qtz, Int32(b), 1,
            &out, Int32(b))
        cblas_dgemm(
            CblasRowMajor, CblasNoTrans, CblasNoTrans, Int32(p), Int32(b), Int32(r), 1, qt, Int32(r), etz, Int32(b), 1,
            &out, Int32(b))
        return out
    }

    /// Wt's singular vectors on the Gram side from eigenvectors of G' (`p × l` row-major, one per
    /// column): `V0·y` (`in × l`) or `U0·y` (`out × l`).
    func vectors(_ coordinates: [Double], count l: Int) -> [Double] {
        inputSide
            ? Float64Product(basis).transposedTimes(coordinates, columns: l)
            : Float64Product(basis).times(coordinates, columns: l)
    }

    /// The `columns × rows` row-major transpose of `matrix`, in float64.
    private static func transposed(_ matrix: Matrix) -> [Double] {
        var out = [Double](repeating: 0, count: matrix.rows * matrix.columns)
        for row in 0..<matrix.rows {
            for column in 0..<matrix.columns { out[column * matrix.rows + row] = Double(matrix[row, column]) }
        }
        return out
    }

    /// `XᵀX` (`columns × columns`, full) of the row-major `rows × columns` x.
    private static func gram(_ x: [Double], rows: Int, columns: Int) -> [Double] {
        var out = [Double](repeating: 0, count: columns * columns)
        cblas_dgemm(
            CblasRowMajor, CblasTrans, CblasNoTrans, Int32(columns), Int32(columns), Int32(rows), 1, x, Int32(columns),
            x, Int32(columns), 0, &out, Int32(columns))
        return out
    }
}
