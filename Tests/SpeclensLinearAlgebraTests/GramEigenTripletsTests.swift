import Foundation
import SpeclensCheckpoints
import SpeclensLinearAlgebraTestSupport
import Testing

@testable import SpeclensLinearAlgebra

@Suite("Top singular triplets and singular values from the float64 Gram matrix, against the float64 SVD")
struct GramEigenTripletsTests {
    /// sin θ between a vector and a unit vector t (either sign): ‖x − (xᵀt)t‖ / ‖x‖, which keeps
    /// its digits for small angles (√(1 − cos²) would not).
    func sine(_ x: [Double], _ t: [Double]) -> Double {
        let dot = zip(x, t).reduce(0) { $0 + $1.0 * $1.1 }
        let away = zip(x, t).reduce(0) { $0 + ($1.0 - dot * $1.1) * ($1.0 - dot * $1.1) }
        return (away / x.reduce(0) { $0 + $1 * $1 }).squareRoot()
    }

    func left(_ svd: SingularValueDecomposition, _ i: Int) -> [Double] {
        (0..<svd.left.rows).map { Double(svd.left[$0, i]) }
    }
    func right(_ svd: SingularValueDecomposition, _ i: Int) -> [Double] {
        (0..<svd.rightTransposed.columns).map { Double(svd.rightTransposed[i, $0]) }
    }

    @Test(
        "out > in and in > out (96×64, 64×96, σ_i = 10·0.8^i): the top 20 values are within 1e-6·σ₁ of the float64 SVD's and both vectors within sin θ 1e-5 (float32 storage)",
        arguments: [(96, 64), (64, 96)])
    func matchesFloat64(shape: (out: Int, inputs: Int)) throws {
        let known = KnownSVD(out: shape.out, inputs: shape.inputs, sigma: KnownSVD.decaying(64), seed: 7)
        let top = try #require(GramEigenTriplets.top(of: known.matrix, count: 20))
        expectMatches(top, Float64SVD(known.matrix), count: 20, sine: 1e-5, shape: shape)
    }

    /// The first `count` triplets of `svd` against the float64 SVD `truth`: the layout, values
    /// within 1e-6·σ₁ (float32 storage), both vectors within sin θ `tolerance` (a derived side
    /// within `derivedTolerance`).
    func expectMatches(
        _ svd: SingularValueDecomposition, _ truth: Float64SVD, count: Int, sine tolerance: Double,
        derivedTolerance: Double? = nil, shape: (out: Int, inputs: Int)
    ) {
        #expect(svd.count == count && svd.left.rows == shape.out && svd.rightTransposed.columns == shape.inputs)
        let (leftTolerance, rightTolerance) = (
            svd.derivedSide == .left ? derivedTolerance ?? tolerance : tolerance,
            svd.derivedSide == .right ? derivedTolerance ?? tolerance : tolerance
        )
        for i in 0..<count {
            #expect(abs(Double(svd.values[i]) - truth.values[i]) <= 1e-6 * truth.values[0])
            #expect(sine(left(svd, i), truth.left(i)) <= leftTolerance, "u_\(i)")
            #expect(sine(right(svd, i), truth.right(i)) <= rightTolerance, "v_\(i)")
        }
    }

    @Test(
        "two values 10⁻⁶·σ₁ apart (σ_5, σ_6): the float64 Rayleigh–Ritz step separates their vectors as the float64 SVD does (sin θ ≤ 1e-6), where float32 alone could mix them by up to 2⁻²⁴·λ₁/(λ_5 − λ_6) ≈ 0.03"
    )
    func nearEqualPair() throws {
        var sigma = KnownSVD.decaying(64)
        sigma[6] = sigma[5] - 1e-5
        let known = KnownSVD(out: 96, inputs: 64, sigma: sigma, seed: 3)
        let top = try #require(GramEigenTriplets.top(of: known.matrix, count: 10))
        let truth = Float64SVD(known.matrix)
        for i in [5, 6] {
            #expect(sine(right(top, i), truth.right(i)) <= 1e-6, "v_\(i)")
            #expect(sine(left(top, i), truth.left(i)) <= 1e-6, "u_\(i)")
        }
    }

    @Test("a zero matrix has no Gram result (σ₁ = 0)")
    func zeroMatrix() {
        #expect(GramEigenTriplets.top(of: Matrix(zeros: 8, 4), count: 2) == nil)
    }

    @Test(
        "all singular values of a 200×50 matrix with σ from 10 down to 10⁻⁵: within 1e-9·σ₁ of the float64 SVD (the Gram path's error is about 2⁻⁵²·σ₁²/σ_i), and more accurate than float32 sgesdd below σ₁·10⁻³"
    )
    func values() throws {
        var sigma = [Double]()
        for i in 0..<50 { sigma.append(10 * pow(10, -6 * Double(i) / 49)) }
        let known = KnownSVD(out: 200, inputs: 50, sigma: sigma, seed: 11)
        let ours = try #require(GramEigenTriplets.values(of: known.matrix))
        let truth = Float64SVD(known.matrix)
        let single = try SingularValueDecomposition.values(of: known.matrix, name: "W")
        #expect(ours.count == 50)
        var gramError = 0.0
        var singleError = 0.0
        for i in 0..<50 {
            #expect(abs(ours[i] - truth.values[i]) <= 1e-9 * truth.values[0], "σ_\(i)")
            if truth.values[i] < 1e-3 * truth.values[0] {
                gramError = max(gramError, abs(ours[i] - truth.values[i]) / truth.values[i])
                singleError = max(singleError, abs(Double(single[i]) - truth.values[i]) / truth.values[i])
            }
        }
        #expect(gramError < singleError)
    }

    @Test(
        "every triplet of 200×60 and 60×200 matrices (σ_i = 10·0.9^i, σ_60/σ_1 = 0.002): values within 1e-6·σ₁ of the float64 SVD (float32 storage); the stored Gram side within sin θ 1e-6 and orthonormal to 1e-6; the side derived from it (W·v/σ from float32 v, error about 2⁻²⁴·σ₁/σ_i) within 1e-5 and orthonormal to 1e-5",
        arguments: [(200, 60), (60, 200)])
    func allTriplets(shape: (out: Int, inputs: Int)) throws {
        let known = KnownSVD(out: shape.out, inputs: shape.inputs, sigma: KnownSVD.decaying(60, ratio: 0.9), seed: 21)
        #expect(GramEigenTriplets.cheaperForAllTriplets(rows: shape.out, columns: shape.inputs))
        let all = try SingularValueDecomposition.complete(of: known.matrix, name: "W")
        #expect(all.derivedSide == (shape.out > shape.inputs ? .left : .right))
        expectMatches(all, Float64SVD(known.matrix), count: 60, sine: 1e-6, derivedTolerance: 1e-5, shape: shape)
        let derivedLeft = all.derivedSide == .left
        for i in [0, 30, 59] {
            for j in [0, 30, 59] {
                let dotLeft = zip(left(all, i), left(all, j)).reduce(0) { $0 + $1.0 * $1.1 }
                let dotRight = zip(right(all, i), right(all, j)).reduce(0) { $0 + $1.0 * $1.1 }
                #expect(abs(dotLeft - (i == j ? 1 : 0)) <= (derivedLeft ? 1e-5 : 1e-6))
                #expect(abs(dotRight - (i == j ? 1 : 0)) <= (derivedLeft ? 1e-6 : 1e-5))
            }
        }
    }

    @Test(
        "complete(of:) takes sgesdd for a square matrix and for a tall one with a zero singular value (σ_p/σ_1 < 10⁻³): the same values as the exact SVD"
    )
    func completeFallsBack() throws {
        let square = KnownSVD(out: 40, inputs: 40, sigma: KnownSVD.decaying(40, ratio: 0.9), seed: 2)
        #expect(
            try SingularValueDecomposition.complete(of: square.matrix, name: "W").values
                == SingularValueDecomposition(of: square.matrix, name: "W").values)
        var sigma = KnownSVD.decaying(30, ratio: 0.9)
        sigma[29] = 0
        let deficient = KnownSVD(out: 90, inputs: 30, sigma: sigma, seed: 4)
        #expect(GramEigenTriplets.all(of: deficient.matrix) == nil)
        #expect(
            try SingularValueDecomposition.complete(of: deficient.matrix, name: "W").values
                == SingularValueDecomposition(of: deficient.matrix, name: "W").values)
    }
}
