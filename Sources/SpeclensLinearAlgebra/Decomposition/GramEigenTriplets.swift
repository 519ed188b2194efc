import CLapacke
import SpeclensCheckpoints

/// Singular triplets and values of a row-major `out × in` float32 matrix W from the
/// eigen-decomposition of its Gram matrix on the smaller side, formed in float64
/// (docs/method.md §1.6).
///
/// With `p = min(out, in)`, the Gram matrix is `G = WᵀW` (`in × in`) when `in ≤ out`, else
/// `G = WWᵀ` (`out × out`); its eigenvalues are σ², its eigenvectors W's right (resp. left)
/// singular vectors. Products of float32 numbers are exact in float64, so G carries only the
/// float64 rounding of its sums. The other side is `W·v_i` (resp. `Wᵀ·u_i`) in float64,
/// normalized (``top(of:count:factored:)``: with `σ_i` its norm; ``all(of:factored:)``: derived
/// where it is read, with `σ_i = √λ_i`); that loses digits when `σ_i ≪ σ_1`, so the triplet paths
/// return nil below ``smallestRatio``. Vectors come out more accurate than the float32 SVD's
/// (whose error is about `2⁻²³·σ₁/gap`): ``top(of:count:factored:)`` by a float32 eigen-solve
/// refined in float64, ``all(of:factored:)`` and ``values(of:)`` by float64 eigen-solvers. W is
/// converted to float64 a block of rows (or columns) at a time, so the extra memory is G plus one
/// block (plus the other side of ``top(of:count:factored:)``).
public enum GramEigenTriplets {
    /// The smallest `σ_l / σ_1` for which the top-l path is used: below it the derived side of
    /// the last triplets would lose digits (`u_i = W v_i / σ_i`), and the exact SVD is taken.
    static let smallestRatio = 1e-3

    /// Extra eigenvectors computed beyond l, so that the float64 Rayleigh–Ritz step resolves
    /// near-equal values at the l boundary within the block.
    static let extraVectors = 16
    /// float64 subspace iteration steps on the float32 eigenvectors before the Rayleigh–Ritz step:
    /// each divides the part of the vectors outside the block by at least `λ_i / λ_{b+1}`.
    static let refinementSteps = 2

    /// The top `count` triplets, or nil when `σ_count / σ_1 < smallestRatio` (or W is zero, or
    /// LAPACK fails), for the caller's exact path.
    ///
    /// The eigenvectors come in two steps: float32 `ssyevr` on G rounded to float32 gives the top
    /// `b = l + extraVectors` (its tridiagonal reduction is about twice as fast as float64's at
    /// 4096, and G's rounding moves them by about `2⁻²⁴·λ₁/(λ_i − λ_j)`); then float64 subspace
    /// steps and a Rayleigh–Ritz step with the exact G on their span (`H = ZᵀGZ`, eigenvectors of
    /// H) remove the mixing among the b vectors, which is where near-equal values put the float32
    /// error. What remains is the part outside the span, about `2⁻²⁴·λ₁/(λ_i − λ_{b+1})` divided
    /// by `λ_i/λ_{b+1}` per step: far below the float32 SVD's error for the top vectors.
    ///
    /// With `factored` (W's Gram matrix in W0's singular basis, for `W = W0 + s·B·A`), the
    /// eigen-solve runs on it instead of on the Gram matrix formed from W's entries, and its
    /// eigenvectors are rotated back (``FactoredGram/vectors(_:count:)``).
    public static func top(of w: Matrix, count: Int, factored: FactoredGram? = nil) -> SingularValueDecomposition? {
        let p = min(w.rows, w.columns)
        let l = min(count, p)
        guard l >= 1 else { return nil }
        if let factored {
            guard let coordinates = topEigenvectors(of: factored.matrix(), order: p, count: l, factored: factored)
            else { return nil }
            return triplets(of: w, eigenvectors: factored.vectors(coordinates, count: l), count: l)
        }
        guard let eigenvectors = topEigenvectors(of: gram(w), order: p, count: l) else { return nil }
        return triplets(of: w, eigenvectors: eigenvectors, count: l)
    }

    /// The triplets of W from `l` eigenvectors of its Gram matrix (`p × l` row-major, columns in
    /// descending order): the other side `W·v` (`out × l`) or `Wᵀ·u` (`in × l`) in float64, σ
    /// its column norms, normalized; nil when `σ_l < smallestRatio · σ_1` or not finite.
    private static func triplets(of w: Matrix, eigenvectors: [Double], count l: Int) -> SingularValueDecomposition? {
        let (m, n) = (w.rows, w.columns)
        let product = Float64Product(w)
        var other =
            n <= m
            ? product.times(eigenvectors, columns: l) : product.transposedTimes(eigenvectors, columns: l)
        let otherRows = n <= m ? m : n
        var sigma = [Double](repeating: 0, count: l)
        other.withUnsafeBufferPointer { x in
            for row in 0..<otherRows {
                let values = x.baseAddress! + row * l
                for i in 0..<l { sigma[i] += values[i] * values[i] }
            }
        }
        sigma = sigma.map { $0.squareRoot() }
        guard let first = sigma.first, first > 0, sigma.allSatisfy({ $0.isFinite }),
            sigma[l - 1] >= smallestRatio * first
        else { return nil }
        other.withUnsafeMutableBufferPointer { x in
            for row in 0..<otherRows {
                let values = x.baseAddress! + row * l
                for i in 0..<l { values[i] /= sigma[i] }
            }
        }
        // The norms ‖W v_i‖ are W's singular values to float64 accuracy; keep them descending
        // (equal up to rounding where the eigenvalues were, and then in eigenvalue order).
        let (left, right) = n <= m ? (other, eigenvectors) : (eigenvectors, other)
        return SingularValueDecomposition(
            values: sigma.map(Float.init), left: Matrix(rows: m, columns: l, values: left.map(Float.init)),
            rightTransposed: Matrix(rows: l, columns: n, values: transposedToFloat(right, rows: n, columns: l)))
    }

    /// The `columns × rows` row-major transpose of the row-major `rows × columns` x, rounded to
    /// float32 (in tiles, so that neither side is read with a long stride).
    private static func transposedToFloat(_ x: [Double], rows: Int, columns: Int) -> [Float] {
        let tile = 32
        var out = [Float](repeating: 0, count: rows * columns)
        x.withUnsafeBufferPointer { from in
            out.withUnsafeMutableBufferPointer { to in
                for rowStart in stride(from: 0, to: rows, by: tile) {
                    for columnStart in stride(from: 0, to: columns, by: tile) {
                        for row in rowStart..<min(rowStart + tile, rows) {
                            for column in columnStart..<min(columnStart + tile, columns) {
                                to[column * rows + row] = Float(from[row * columns + column])
                            }
                        }
                    }
                }
            }
        }
        return out
    }

    /// The top `l` eigenvectors of the symmetric `p × p` matrix g (upper triangle, row-major), as
    /// the columns of a `p × l` row-major matrix in descending order of eigenvalue. With
    /// `factored` (g is its ``FactoredGram/matrix()``), the float64 steps multiply by its factored
    /// form (``FactoredGram/times(_:columns:)``, O(p·b·r) instead of O(p²·b)).
    static func topEigenvectors(of g: [Double], order p: Int, count l: Int, factored: FactoredGram? = nil)
        -> [Double]?
    {
        let b = min(l + extraVectors, p)
        // float32 eigenvectors of fl32(G): the top b, ascending.
        var single = g.map(Float.init)
        var lambda = [Float](repeating: 0, count: p)
        var z = [Float](repeating: 0, count: p * b)
        var found: Int32 = 0
        var support = [Int32](repeating: 0, count: 2 * b)
        // Column-major on the same buffer (its lower triangle is the row-major upper one), so
        // LAPACKE transposes neither G nor Z; Z comes out `p × b` column-major.
        let info = LAPACKE_ssyevr(
            LAPACK_COL_MAJOR, SingularValueDecomposition.char("V"), SingularValueDecomposition.char("I"),
            SingularValueDecomposition.char("L"), Int32(p), &single, Int32(p), 0, 0, Int32(p - b + 1), Int32(p), 0,
            &found, &lambda, &z, Int32(p), &support)
        guard info == 0, Int(found) == b else { return nil }
        // In float64 with the exact G: ``refinementSteps`` subspace iteration steps Z ← orth(G·Z),
        // then Rayleigh–Ritz: H = Zᵀ G Z = Q Θ Qᵀ, vectors Z·Q.
        var basis = [Double](repeating: 0, count: p * b)
        for j in 0..<b { for row in 0..<p { basis[row * b + j] = Double(z[j * p + row]) } }
        OrthonormalBasis.orthonormalize(&basis, rows: p, columns: b)
        var gz = [Double](repeating: 0, count: p * b)
        for step in 0...refinementSteps {
            if let factored {
                gz = factored.times(basis, columns: b)
            } else {
                cblas_dsymm(
                    CblasRowMajor, CblasLeft, CblasUpper, Int32(p), Int32(b), 1, g, Int32(p), basis, Int32(b), 0, &gz,
                    Int32(b))
            }
            guard step < refinementSteps else { break }
            basis = gz
            OrthonormalBasis.orthonormalize(&basis, rows: p, columns: b)
        }
        var h = [Double](repeating: 0, count: b * b)
        cblas_dgemm(
            CblasRowMajor, CblasTrans, CblasNoTrans, Int32(b), Int32(b), Int32(p), 1, basis, Int32(b), gz, Int32(b), 0,
            &h, Int32(b))
        guard let q = descendingEigenvectors(of: &h, order: b, count: l)?.vectors else { return nil }
        var vectors = [Double](repeating: 0, count: p * l)
        cblas_dgemm(
            CblasRowMajor, CblasNoTrans, CblasNoTrans, Int32(p), Int32(l), Int32(b), 1, basis, Int32(b), q, Int32(l), 0,
            &vectors, Int32(l))
        return vectors
    }

    /// Every triplet (the thin SVD), or nil when `σ_p / σ_1 < smallestRatio` (or LAPACK fails):
    /// `dsyevd` with vectors on G, σ = `√λ`. The decomposition stores the Gram side only and
    /// derives the other, `W·v_i / σ_i` in float64, from W where it is read
    /// (``SingularValueDecomposition/derivedSide``): the analysis often needs it only in products
    /// with a few vectors (a base's comparisons) or for a few triplets (a whole spectrum's
    /// intruders), which saves its `out·in·p` product. The extra memory is G and its eigenvectors
    /// in float64 (`2p²` doubles). With `factored`, the eigen-solve runs on it, as in
    /// ``top(of:count:factored:)``.
    static func all(of w: Matrix, factored: FactoredGram? = nil) -> SingularValueDecomposition? {
        let p = min(w.rows, w.columns)
        guard p >= 1 else { return nil }
        let solved: (vectors: [Double], lambda: [Double])
        if let factored {
            var g = factored.matrix()
            guard let coordinates = descendingEigenvectors(of: &g, order: p, count: p) else { return nil }
            solved = (factored.vectors(coordinates.vectors, count: p), coordinates.lambda)
        } else {
            var g = gram(w)
            guard let eigen = descendingEigenvectors(of: &g, order: p, count: p) else { return nil }
            solved = eigen
        }
        let sigma = solved.lambda.map { max($0, 0).squareRoot() }
        guard let first = sigma.first, first > 0, sigma.allSatisfy({ $0.isFinite }),
            sigma[p - 1] >= smallestRatio * first
        else { return nil }
        let (m, n) = (w.rows, w.columns)
        if n <= m {  // Gram side V: store Vᵀ (p × in), derive U
            let vt = transposedToFloat(solved.vectors, rows: n, columns: p)
            return SingularValueDecomposition(
                values: sigma.map(Float.init), stored: Matrix(rows: p, columns: n, values: vt), derivedSide: .left,
                source: w)
        }
        return SingularValueDecomposition(
            values: sigma.map(Float.init), stored: Matrix(rows: m, columns: p, values: solved.vectors.map(Float.init)),
            derivedSide: .right, source: w)
    }

    /// The top `count` eigenpairs of the symmetric `order × order` matrix `a` (upper triangle,
    /// row-major; overwritten) by `dsyevd`: the vectors as the columns of an `order × count`
    /// row-major matrix and the values, both in descending order of eigenvalue; nil when LAPACK
    /// fails.
    private static func descendingEigenvectors(of a: inout [Double], order: Int, count: Int)
        -> (vectors: [Double], lambda: [Double])?
    {
        var lambda = [Double](repeating: 0, count: order)
        // Column-major on the same buffer (lower = the row-major upper triangle): no transposes.
        guard
            LAPACKE_dsyevd(
                LAPACK_COL_MAJOR, SingularValueDecomposition.char("V"), SingularValueDecomposition.char("L"),
                Int32(order),
                &a, Int32(order), &lambda) == 0
        else { return nil }
        // LAPACK's order is ascending: column order−1−i (column-major) is the i-th largest.
        var vectors = [Double](repeating: 0, count: order * count)
        for i in 0..<count {
            let column = (order - 1 - i) * order
            for row in 0..<order { vectors[row * count + i] = a[column + row] }
        }
        return (vectors, (0..<count).map { lambda[order - 1 - $0] })
    }

    /// Every triplet by ``all(of:factored:)`` where that is the cheaper path
    /// (``cheaperForAllTriplets(rows:columns:)``); nil elsewhere and where it does not apply.
    public static func allWhereCheaper(of w: Matrix, factored: FactoredGram? = nil) -> SingularValueDecomposition? {
        cheaperForAllTriplets(rows: w.rows, columns: w.columns) ? all(of: w, factored: factored) : nil
    }

    /// Whether the Gram path is the cheaper one for the whole thin SVD with vectors (`dsyrk +
    /// dsyevd` and the other side by `dgemm`, against `sgesdd`: 0.20 vs 0.31 s at 3072×768, one
    /// thread): for matrices at least twice as long as wide.
    static func cheaperForAllTriplets(rows: Int, columns: Int) -> Bool {
        max(rows, columns) >= 2 * min(rows, columns)
    }

    /// All `p` singular values, descending (`√max(λ, 0)` of the Gram matrix's eigenvalues); nil
    /// when LAPACK fails. Values below about `2⁻²⁶·σ₁` are rounding noise (under any effective-
    /// rank cutoff of a float32 matrix, `σ₁·max(out, in)·2⁻²⁴`).
    public static func values(of w: Matrix) -> [Double]? {
        let p = min(w.rows, w.columns)
        var g = gram(w)
        var lambda = [Double](repeating: 0, count: p)
        let info = LAPACKE_dsyev(
            LAPACK_COL_MAJOR, SingularValueDecomposition.char("N"), SingularValueDecomposition.char("L"), Int32(p), &g,
            Int32(p), &lambda)
        guard info == 0, lambda.allSatisfy({ $0.isFinite }) else { return nil }
        return lambda.reversed().map { max($0, 0).squareRoot() }
    }

    /// Whether the Gram path is the cheaper one for W's values: `dsyrk + dsyev` against `sgesdd`
    /// without vectors (measured on OpenBLAS 0.3.21, one thread: 48 vs 39 ms at 768×768, 71 vs
    /// 132 ms at 3072×768, 7.7 vs 10.0 s at 4096×4096), so for matrices at least twice as long as
    /// wide, or at least 2048 on the shorter side.
    public static func cheaperForValues(rows: Int, columns: Int) -> Bool {
        max(rows, columns) >= 2 * min(rows, columns) || min(rows, columns) >= 2048
    }

    /// The upper triangle of `WᵀW` (`in ≤ out`) or `WWᵀ`, `p × p` row-major, in float64, by
    /// `dsyrk` over blocks of W converted to float64.
    static func gram(_ w: Matrix) -> [Double] {
        let (m, n) = (w.rows, w.columns)
        let p = min(m, n)
        var g = [Double](repeating: 0, count: p * p)
        let chunk = max(1, (1 << 18) / max(1, p))
        if n <= m {  // Σ over row blocks W_cᵀ W_c
            var block = [Double](repeating: 0, count: chunk * n)
            for start in stride(from: 0, to: m, by: chunk) {
                let rows = min(chunk, m - start)
                Float64Product.widen(w.values, from: start * n, count: rows * n, into: &block)
                cblas_dsyrk(
                    CblasRowMajor, CblasUpper, CblasTrans, Int32(n), Int32(rows), 1, block, Int32(n), 1, &g, Int32(n))
            }
        } else {  // Σ over column blocks W_c W_cᵀ
            var block = [Double](repeating: 0, count: m * chunk)
            for start in stride(from: 0, to: n, by: chunk) {
                let columns = min(chunk, n - start)
                for row in 0..<m {
                    Float64Product.widen(
                        w.values, from: row * n + start, count: columns, into: &block, at: row * columns)
                }
                cblas_dsyrk(
                    CblasRowMajor, CblasUpper, CblasNoTrans, Int32(m), Int32(columns), 1, block, Int32(columns), 1, &g,
                    Int32(m))
            }
        }
        return g
    }
}
