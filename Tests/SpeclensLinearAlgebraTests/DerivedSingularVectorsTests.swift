import SpeclensCheckpoints
import SpeclensLinearAlgebraTestSupport
import Testing

@testable import SpeclensLinearAlgebra

@Suite("A base decomposition that stores its Gram side only and derives the other side from W0")
struct DerivedSingularVectorsTests {
    /// A tall and a wide matrix with σ_i = 10·0.95^i (σ_p/σ_1 ≈ 0.1), p = 48.
    static let shapes = [(out: 144, inputs: 48), (out: 48, inputs: 144)]

    static func known(_ shape: (out: Int, inputs: Int)) -> KnownSVD {
        KnownSVD(out: shape.out, inputs: shape.inputs, sigma: KnownSVD.decaying(48, ratio: 0.95), seed: 17)
    }

    @Test(
        "complete(of:) on a tall matrix stores Vᵀ and derives U, on a wide one stores U and derives Vᵀ; LAPACK's decomposition stores both",
        arguments: shapes)
    func derivedSideFollowsTheShape(shape: (out: Int, inputs: Int)) throws {
        let w = Self.known(shape).matrix
        let base = try SingularValueDecomposition.complete(of: w, name: "W")
        #expect(base.derivedSide == (shape.out > shape.inputs ? .left : .right))
        #expect(base.storedSide?.shape == (shape.out > shape.inputs ? [48, shape.inputs] : [shape.out, 48]))
        #expect(base.rows == shape.out && base.columns == shape.inputs)
        #expect(try SingularValueDecomposition(of: w, name: "W").derivedSide == nil)
    }

    @Test(
        "the derived side is W's singular vectors: every σ within 1e-6·σ₁ of the float64 SVD, both sides within sin θ 1e-5, and the first k derived columns (rows) are the formed side's, bit for bit",
        arguments: shapes)
    func derivedSideIsAccurate(shape: (out: Int, inputs: Int)) throws {
        let known = Self.known(shape)
        let base = try SingularValueDecomposition.complete(of: known.matrix, name: "W")
        let truth = Float64SVD(known.matrix)
        let tests = GramEigenTripletsTests()
        for i in 0..<48 {
            #expect(abs(Double(base.values[i]) - truth.values[i]) <= 1e-6 * truth.values[0], "σ_\(i)")
            #expect(tests.sine(tests.left(base, i), truth.left(i)) <= 1e-5, "u_\(i)")
            #expect(tests.sine(tests.right(base, i), truth.right(i)) <= 1e-5, "v_\(i)")
        }
        #expect(base.leftColumns(7).values == MatrixProduct.columns(base.left, 7).values)
        #expect(base.rightRows(7).values == MatrixProduct.rows(base.rightTransposed, 7).values)
    }
}
