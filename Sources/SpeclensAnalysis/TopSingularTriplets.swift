import CLapacke
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
    public static let strictTolerance = 5e-5
    /// Bound on sin θ required of vectors k+1 … N, used only by the similarity heat map (whose
    /// cells are drawn at two decimals).
    public static let looseTolerance = 1e-2

    /// The `l` triplets in the layout of ``SingularValueDecomposition`` (`values.count == l`).
    public let decomposition: SingularValueDecomposition
    /// The certified bound on sin θ of each triplet.
    public let sineBounds: [Double]
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
        var done = 0, nextCheck = min(4, maxIterations)
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
                return TopSingularTriplets(decomposition: ritz.decomposition(count: l), sineBounds: bounds, iterations: done)
            }
            guard done < maxIterations else { return nil }
            x = ritz.rightVectorsFloat  // restart from the Ritz vectors, a float64 power step ahead
            nextCheck = min(maxIterations, done + max(2, done / 2))
        }
    }

    init(decomposition: SingularValueDecomposition, sineBounds: [Double], iterations: Int) {
        self.decomposition = decomposition
        self.sineBounds = sineBounds
        self.iterations = iterations
    }
}

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
        let n = w.columns, b = size
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
        Self.orthonormalize(&x, rows: n, columns: b)
        return x
    }

    /// One iteration in float32: `X ← orth(Wᵀ · orth(W · X))`.
    func step(_ x: inout [Float]) {
        let (m, n, b) = (Int32(w.rows), Int32(w.columns), Int32(size))
        var y = [Float](repeating: 0, count: w.rows * size)
        cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, m, b, n, 1, w.values, n, x, b, 0, &y, b)
        Self.orthonormalize(&y, rows: w.rows, columns: size)
        cblas_sgemm(CblasRowMajor, CblasTrans, CblasNoTrans, n, b, m, 1, w.values, n, y, b, 0, &x, b)
        Self.orthonormalize(&x, rows: w.columns, columns: size)
    }

    /// The float64 Rayleigh–Ritz step on the block `x` (`in × b`), with residuals.
    func rayleighRitz(_ x: [Float]) -> RitzTriplets {
        let (m, n, b) = (w.rows, w.columns, size)
        var xd = x.map(Double.init)
        Self.orthonormalize(&xd, rows: n, columns: b)
        var q = products.times(xd, columns: b)  // m × b
        Self.orthonormalize(&q, rows: m, columns: b)
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

/// The b Ritz triplets of one Rayleigh–Ritz step, in float64, with their residual norms.
struct RitzTriplets {
    let rows: Int, columns: Int, size: Int
    /// σ̃, descending.
    let values: [Double]
    /// `out × b` row-major: column i is u_i.
    let left: [Double]
    /// `in × b` row-major: column i is v_i.
    let right: [Double]
    /// `√(‖W v_i − σ̃_i u_i‖² + ‖Wᵀu_i − σ̃_i v_i‖²)`.
    let residuals: [Double]

    /// The relative error (2⁻²³) of a float32 decomposition, added to each residual so that a
    /// certified vector agrees with the exact float32 path too, not only with the exact SVD.
    static let float32Sensitivity = 0x1p-23

    /// Wedin's bound on sin θ of each of the first `l` triplets (infinite where no positive gap
    /// can be shown, NaN-free); needs `l < size`.
    func sineBounds(count l: Int) -> [Double] {
        (0..<l).map { i in
            guard values[i].isFinite, residuals[i].isFinite else { return .infinity }
            let above = i == 0 ? Double.infinity : values[i - 1] - values[i]
            var highestBelow = -Double.infinity
            for j in (i + 1)...l { highestBelow = max(highestBelow, values[j] + residuals[j]) }
            let gap = min(above, values[i] - highestBelow)
            guard gap > 0 else { return .infinity }
            // Plus the float32 sensitivity of the exact path the result must agree with: LAPACK's
            // vectors of the float32 matrix move by about 2⁻²³·σ₁/gap themselves.
            return (residuals[i] + Self.float32Sensitivity * values[0]) / gap
        }
    }

    /// The first `l` triplets as a float32 ``SingularValueDecomposition``.
    func decomposition(count l: Int) -> SingularValueDecomposition {
        var u = [Float](repeating: 0, count: rows * l)
        for row in 0..<rows {
            for i in 0..<l { u[row * l + i] = Float(left[row * size + i]) }
        }
        var vt = [Float](repeating: 0, count: l * columns)
        for i in 0..<l {
            for column in 0..<columns { vt[i * columns + column] = Float(right[column * size + i]) }
        }
        return SingularValueDecomposition(
            values: values.prefix(l).map(Float.init), left: Matrix(rows: rows, columns: l, values: u),
            rightTransposed: Matrix(rows: l, columns: columns, values: vt))
    }

    /// The right Ritz vectors (`in × b`) rounded to float32, to continue iterating from.
    var rightVectorsFloat: [Float] { right.map(Float.init) }
}
