import SpeclensCheckpoints
import SpeclensLinearAlgebraTestSupport
import Testing

@testable import SpeclensLinearAlgebra

@Suite("Certified top singular triplets without the full SVD, against the exact decomposition")
struct TopSingularTripletsTests {
    /// W: 96 × 64 with σ_i = 10 · 0.8^i.
    let known = KnownSVD(out: 96, inputs: 64, sigma: KnownSVD.decaying(64), seed: 7)

    @Test(
        "on a matrix with a known SVD, the top 32 triplets are certified, and each certified sin θ bound holds against the true vectors"
    )
    func boundsHoldOnKnownSVD() throws {
        let top = try #require(
            TopSingularTriplets.compute(
                of: known.matrix, count: 32, strict: 10, seed: 1, maxIterations: 150))
        #expect(top.decomposition.count == 32)
        let exact = Float64SVD(known.matrix)
        for i in 0..<32 {
            #expect(abs(Double(top.decomposition.values[i]) - exact.values[i]) <= 1e-6 * exact.values[0])
            let u = (0..<96).map { Double(top.decomposition.left[$0, i]) }
            let v = (0..<64).map { Double(top.decomposition.rightTransposed[i, $0]) }
            // sin θ = ‖x − (xᵀt)t‖ / ‖x‖ against the float64 SVD of the float32 matrix (the float32
            // rounding of the composed matrix moves its vectors by up to ~1e-4 from the known
            // ones); float32 storage of our vectors adds ~1e-7.
            for (ours, truth) in [(u, exact.left(i)), (v, exact.right(i))] {
                let dot = zip(ours, truth).reduce(0) { $0 + $1.0 * $1.1 }
                let away = zip(ours, truth).reduce(0) { $0 + ($1.0 - dot * $1.1) * ($1.0 - dot * $1.1) }
                let sine = (away / ours.reduce(0) { $0 + $1 * $1 }).squareRoot()
                #expect(sine <= top.sineBounds[i] + 1e-6, "triplet \(i): sin θ \(sine) > bound \(top.sineBounds[i])")
            }
            #expect(
                top.sineBounds[i] <= (i < 10 ? TopSingularTriplets.strictTolerance : TopSingularTriplets.looseTolerance)
            )
        }
    }

    @Test(
        "LAPACK's selected-triplet driver sgesvdx gives the top 32 values and vectors of sgesdd (|cos| ≥ 1 − 1e-5 where the gaps allow)"
    )
    func selectedDriverAgrees() throws {
        var random = SeededRandom(seed: 5)
        let w = Matrix(rows: 80, columns: 120, values: random.gaussians(80 * 120))
        let full = try SingularValueDecomposition(of: w, name: "W")
        let top = try SingularValueDecomposition.top(of: w, count: 32, name: "W")
        #expect(top.count == 32 && top.left.columns == 32 && top.rightTransposed.rows == 32)
        for i in 0..<32 {
            #expect(abs(top.values[i] - full.values[i]) <= 1e-5 * full.values[0])
            let gap = min(i == 0 ? .infinity : full.values[i - 1] - full.values[i], full.values[i] - full.values[i + 1])
            let tolerance = Double(1e-5 * full.values[0] / gap)
            let left = absoluteCosine(
                (0..<80).map { Double(top.left[$0, i]) }, (0..<80).map { Double(full.left[$0, i]) })
            let right = absoluteCosine(
                (0..<120).map { Double(top.rightTransposed[i, $0]) },
                (0..<120).map { Double(full.rightTransposed[i, $0]) })
            #expect(left >= 1 - tolerance && right >= 1 - tolerance, "triplet \(i)")
        }
    }
}
