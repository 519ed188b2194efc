import SpeclensCheckpoints
import SpeclensLinearAlgebraTestSupport
import Testing

@testable import SpeclensLinearAlgebra

@Suite(
    "The Gram matrix of W0 + s·B·A from W0's decomposition and the factors, against the dense float64 computation and the float64 SVD"
)
struct FactoredGramTests {
    static let shapes = [(96, 64), (64, 96), (64, 64)]

    /// W0 with σ_i = 10·0.9^i (every triplet; σ_p ≥ 10⁻³·σ₁ up to p = 64), its float32
    /// decomposition (LAPACK's, or with `deriving` the base path's, which stores the Gram side
    /// of a long or wide matrix only), and a rank-3 update `0.7·B·A` with Gaussian factors of
    /// norm about one tenth of σ₁.
    struct Case {
        let w0: Matrix
        let base: SingularValueDecomposition
        let update: LowRankUpdate
        let merged: Matrix

        init(out: Int, inputs: Int, rank: Int = 3, deriving: Bool = false) throws {
            let known = KnownSVD(
                out: out, inputs: inputs, sigma: KnownSVD.decaying(min(out, inputs), ratio: 0.9), seed: 11)
            w0 = known.matrix
            base =
                deriving
                ? try SingularValueDecomposition.complete(of: w0, name: "W0")
                : try SingularValueDecomposition(of: w0, name: "W0")
            var random = SeededRandom(seed: 5)
            update = LowRankUpdate(
                b: Matrix(rows: out, columns: rank, values: random.gaussians(out * rank).map { $0 * 0.3 }),
                a: Matrix(rows: rank, columns: inputs, values: random.gaussians(rank * inputs).map { $0 * 0.1 }),
                scale: 0.7)
            merged = MatrixProduct.multiplyAdd(update.b, update.a, scale: update.scale, to: w0)
        }
    }

    /// `op(a) · op(b)` of row-major float64 matrices, by plain loops (the independent truth).
    func product(_ a: [Double], _ ar: Int, _ ac: Int, _ b: [Double], _ bc: Int) -> [Double] {
        var c = [Double](repeating: 0, count: ar * bc)
        for i in 0..<ar { for k in 0..<ac { for j in 0..<bc { c[i * bc + j] += a[i * ac + k] * b[k * bc + j] } } }
        return c
    }

    func transpose(_ a: [Double], _ rows: Int, _ columns: Int) -> [Double] {
        var t = [Double](repeating: 0, count: rows * columns)
        for i in 0..<rows { for j in 0..<columns { t[j * rows + i] = a[i * columns + j] } }
        return t
    }

    func doubles(_ m: Matrix) -> [Double] { m.values.map(Double.init) }

    @Test(
        "G' equals Zᵀ·G·Z formed densely in float64 from W0 + s·B·A (Z: W0's vectors on the shorter side, from LAPACK's decomposition or the base path's; G = WtᵀWt or Wt·Wtᵀ) to 1e-5·λ₁ (float32-stored vectors are orthonormal to about 10⁻⁶)",
        arguments: shapes, [false, true])
    func matchesDenseGram(shape: (out: Int, inputs: Int), deriving: Bool) throws {
        let c = try Case(out: shape.out, inputs: shape.inputs, deriving: deriving)
        let (m, n) = shape
        let p = min(m, n)
        let factored = try #require(FactoredGram(base: c.base, w0: c.w0, update: c.update))
        // Wt = W0 + s·B·A in float64.
        var wt = doubles(c.w0)
        let ba = product(doubles(c.update.b), m, c.update.rank, doubles(c.update.a), n)
        for index in wt.indices { wt[index] += c.update.scale * ba[index] }
        let g: [Double]
        let z: [Double]
        if n <= m {
            g = product(transpose(wt, m, n), n, m, wt, n)
            z = transpose(doubles(c.base.rightTransposed), p, n)  // V0, n × p
        } else {
            g = product(wt, m, n, transpose(wt, m, n), m)
            z = doubles(c.base.left)  // U0, m × p
        }
        let expected = product(transpose(z, p, p), p, p, product(g, p, p, z, p), p)
        let lambda1 = Double(c.base.values[0] * c.base.values[0])
        #expect(factored.order == p)
        let gram = factored.matrix()
        for i in 0..<p {
            for j in i..<p {
                #expect(abs(gram[i * p + j] - expected[i * p + j]) <= 1e-5 * lambda1, "G'[\(i), \(j)]")
            }
        }
    }

    @Test(
        "the top 20 triplets of W0 + s·B·A from G' are within the float32 decomposition's accuracy of the float64 SVD of the merged Wt: σ within 1e-5·σ₁, both vectors within sin θ 1e-4",
        arguments: shapes)
    func topTripletsMatchFloat64(shape: (out: Int, inputs: Int)) throws {
        let c = try Case(out: shape.out, inputs: shape.inputs)
        let factored = FactoredGram(base: c.base, w0: c.w0, update: c.update)
        let top = try #require(GramEigenTriplets.top(of: c.merged, count: 20, factored: factored))
        let truth = Float64SVD(c.merged)
        let tests = GramEigenTripletsTests()
        #expect(top.count == 20 && top.left.rows == shape.out && top.rightTransposed.columns == shape.inputs)
        for i in 0..<20 {
            #expect(abs(Double(top.values[i]) - truth.values[i]) <= 1e-5 * truth.values[0])
            #expect(tests.sine(tests.left(top, i), truth.left(i)) <= 1e-4, "u_\(i)")
            #expect(tests.sine(tests.right(top, i), truth.right(i)) <= 1e-4, "v_\(i)")
        }
    }

    @Test(
        "every triplet of a long or wide W0 + s·B·A from G' (the whole-spectrum path), with W0's decomposition from LAPACK or from the base path (Gram side only): σ within 1e-5·σ₁ of the float64 SVD's",
        arguments: [(96, 48), (48, 96)], [false, true])
    func allTripletsMatchFloat64(shape: (out: Int, inputs: Int), deriving: Bool) throws {
        let c = try Case(out: shape.out, inputs: shape.inputs, deriving: deriving)
        #expect((c.base.derivedSide != nil) == deriving)
        let factored = FactoredGram(base: c.base, w0: c.w0, update: c.update)
        #expect(factored != nil)
        let all = try #require(GramEigenTriplets.allWhereCheaper(of: c.merged, factored: factored))
        let truth = Float64SVD(c.merged)
        #expect(all.count == 48)
        for i in 0..<48 { #expect(abs(Double(all.values[i]) - truth.values[i]) <= 1e-5 * truth.values[0]) }
    }

    @Test(
        "G'·Z from the factored form (Σ0²·Z + E·(QtᵀZ) + Qt·(EᵀZ)) equals the product with G' formed, to 1e-12·λ₁, for 40 columns",
        arguments: shapes)
    func factoredProduct(shape: (out: Int, inputs: Int)) throws {
        let c = try Case(out: shape.out, inputs: shape.inputs)
        let factored = try #require(FactoredGram(base: c.base, w0: c.w0, update: c.update))
        let p = factored.order
        let b = 40
        var random = SeededRandom(seed: 9)
        let z = random.gaussians(p * b).map(Double.init)
        var gram = factored.matrix()
        for i in 0..<p { for j in 0..<i { gram[i * p + j] = gram[j * p + i] } }  // the lower triangle too
        let dense = product(gram, p, p, z, b)
        let fast = factored.times(z, columns: b)
        let lambda1 = Double(c.base.values[0] * c.base.values[0])
        let worst = zip(dense, fast).reduce(0.0) { max($0, abs($1.0 - $1.1)) }
        #expect(worst <= 1e-12 * lambda1)
    }

    @Test(
        "a base decomposition without every triplet (the top 10), or factors of another shape, give no factored Gram matrix"
    )
    func incompleteBase() throws {
        let c = try Case(out: 96, inputs: 64)
        let top = try SingularValueDecomposition.top(of: c.w0, count: 10, name: "W0")
        #expect(FactoredGram(base: top, w0: c.w0, update: c.update) == nil)
        let transposedFactors = LowRankUpdate(b: c.update.a, a: c.update.b, scale: 1)
        #expect(FactoredGram(base: c.base, w0: c.w0, update: transposedFactors) == nil)
    }
}
