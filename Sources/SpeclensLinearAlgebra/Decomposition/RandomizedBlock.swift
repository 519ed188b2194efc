import CLapacke
import SpeclensCheckpoints

/// The working state of the subspace iteration on one matrix: W and the block size b.
struct RandomizedBlock {
    let w: Matrix
    let size: Int
    /// W's float64 products of the Rayleigh–Ritz steps.
    let products: Float64Product

    init(w: Matrix, size: Int) {
        self.w = w
        self.size = size
        products = Float64Product(w)
    }

    /// `in × b` row-major: the first `min(warmCount, rows)` warm-start vectors, then Gaussian
    /// columns; orthonormalized.
    func startingBlock(warmStart: Matrix?, warmCount: Int, seed: UInt64) -> [Float] {
        let n = w.columns
        let b = size
        var x = [Float](repeating: 0, count: n * b)
        let warm = min(warmStart?.rows ?? 0, warmCount, b)
        if let warmStart, warm > 0, warmStart.columns == n {
            for j in 0..<warm {
                for c in 0..<n { x[c * b + j] = warmStart[j, c] }
            }
        }
        var random = SeededRandom(seed: seed)
        let first = warmStart?.columns == n ? warm : 0
        for c in 0..<n {
            for j in first..<b { x[c * b + j] = Float(random.gaussian()) }
        }
        OrthonormalBasis.orthonormalize(&x, rows: n, columns: b)
        return x
    }

    /// One iteration in float32: `X ← orth(Wᵀ · orth(W · X))`.
    func step(_ x: inout [Float]) {
        let (m, n, b) = (Int32(w.rows), Int32(w.columns), Int32(size))
        var y = [Float](repeating: 0, count: w.rows * size)
        cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, m, b, n, 1, w.values, n, x, b, 0, &y, b)
        OrthonormalBasis.orthonormalize(&y, rows: w.rows, columns: size)
        cblas_sgemm(CblasRowMajor, CblasTrans, CblasNoTrans, n, b, m, 1, w.values, n, y, b, 0, &x, b)
        OrthonormalBasis.orthonormalize(&x, rows: w.columns, columns: size)
    }

    /// The float64 Rayleigh–Ritz step on the block `x` (`in × b`), with residuals.
    func rayleighRitz(_ x: [Float]) -> RitzTriplets {
        let (m, n, b) = (w.rows, w.columns, size)
        var xd = x.map(Double.init)
        OrthonormalBasis.orthonormalize(&xd, rows: n, columns: b)
        var q = products.times(xd, columns: b)  // m × b
        OrthonormalBasis.orthonormalize(&q, rows: m, columns: b)
        let bt = products.transposedTimes(q, columns: b)  // n × b = Wᵀ Q = (QᵀW)ᵀ
        // Bᵀ = Ṽ Σ Ũᵀ: Ṽ (n × b) holds W's right Ritz vectors, Ũ (b × b) the left ones in Q's basis.
        var a = bt
        var s = [Double](repeating: 0, count: b)
        var v = [Double](repeating: 0, count: n * b)
        var ut = [Double](repeating: 0, count: b * b)
        var info = LAPACKE_dgesdd(
            LAPACK_ROW_MAJOR, SingularValueDecomposition.char("S"), Int32(n), Int32(b), &a, Int32(b), &s, &v,
            Int32(b), &ut, Int32(b))
        if info != 0 {
            // dgesvd as the exact path does; a failure leaves the triplets uncertified (NaN bounds).
            a = bt
            var superb = [Double](repeating: 0, count: b)
            info = LAPACKE_dgesvd(
                LAPACK_ROW_MAJOR, SingularValueDecomposition.char("S"), SingularValueDecomposition.char("S"),
                Int32(n), Int32(b), &a, Int32(b), &s, &v, Int32(b), &ut, Int32(b), &superb)
            if info != 0 { s = [Double](repeating: .nan, count: b) }
        }
        // Left Ritz vectors U = Q · Ũ (m × b); Ũ = (Ũᵀ)ᵀ.
        var u = [Double](repeating: 0, count: m * b)
        cblas_dgemm(
            CblasRowMajor, CblasNoTrans, CblasTrans, Int32(m), Int32(b), Int32(b), 1, q, Int32(b), ut, Int32(b), 0,
            &u, Int32(b))
        // r1 = W v_i − σ_i u_i; r2 = Wᵀ u_i − σ_i v_i = Bᵀ ũ_i − σ_i v_i (zero up to round-off).
        let wv = products.times(v, columns: b)
        var btu = [Double](repeating: 0, count: n * b)
        cblas_dgemm(
            CblasRowMajor, CblasNoTrans, CblasTrans, Int32(n), Int32(b), Int32(b), 1, bt, Int32(b), ut, Int32(b), 0,
            &btu, Int32(b))
        var squared = [Double](repeating: 0, count: b)
        for row in 0..<m {
            for i in 0..<b {
                let r = wv[row * b + i] - s[i] * u[row * b + i]
                squared[i] += r * r
            }
        }
        for row in 0..<n {
            for i in 0..<b {
                let r = btu[row * b + i] - s[i] * v[row * b + i]
                squared[i] += r * r
            }
        }
        return RitzTriplets(
            rows: m, columns: n, size: b, values: s, left: u, right: v, residuals: squared.map { $0.squareRoot() })
    }
}
