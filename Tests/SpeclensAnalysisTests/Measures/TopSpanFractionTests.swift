import SpeclensCheckpoints
import SpeclensDataset
import SpeclensLinearAlgebraTestSupport
import Testing

@testable import SpeclensAnalysis
@testable import SpeclensLinearAlgebra

@Suite("New directions told from reshuffles: each top vector's projection on W0's top-2k span")
struct TopSpanFractionTests {
    /// W: 96 × 64 with σ_i = 10 · 0.8^i; k = 10, so the span is W's top 20 left vectors.
    let known = KnownSVD(out: 96, inputs: 64, sigma: KnownSVD.decaying(64), seed: 7)
    let parameters = AnalysisParameters(topK: 10, epsilon: 0.5, epsilonGrid: [0.5, 0.8])

    func measures(_ tuned: Matrix) throws -> VectorMeasures {
        let base = try SingularValueDecomposition(of: known.matrix, name: "W0")
        let fine = try SingularValueDecomposition(of: tuned, name: "Wt")
        return VectorMeasures(base: base, tuned: fine, parameters: parameters)
    }

    /// New directions among the intruders at `epsilon`: max |cos| < ε and top-span fraction < 0.5.
    func newDirections(_ measures: VectorMeasures, epsilon: Double) -> Int {
        zip(measures.maxCosines, measures.topSpanFractions).filter { Double($0.0) < epsilon && $0.1 < 0.5 }.count
    }

    @Test(
        "W0 + λ·u·v_lastᵀ with u orthogonal to W0's top 2k left vectors (λ = 4 σ_max): one intruder, and it is a new direction (fraction ≈ 0)"
    )
    func orthogonalUpdateIsANewDirection() throws {
        var random = SeededRandom(seed: 11)
        var u = random.unitVector(96)
        for j in 0..<20 {
            let b = known.leftVector(j)
            let dot = zip(u, b).reduce(0) { $0 + $1.0 * $1.1 }
            for i in u.indices { u[i] -= dot * b[i] }
        }
        let norm = u.reduce(0) { $0 + $1 * $1 }.squareRoot()
        u = u.map { $0 / norm }
        let measures = try measures(known.adding(40, u, known.rightVector(63)))
        #expect(measures.intruders.count == 1)
        #expect(measures.topSpanFractions[0] < 1e-3)
        #expect(measures.topSpanFractions[1...].allSatisfy { $0 > 0.99 })
        #expect(newDirections(measures, epsilon: 0.5) == 1)
    }

    @Test(
        "A 45° rotation of W0's top two left vectors (Wt = R·W0): two intruders at ε = 0.8, but no new direction (fractions ≈ 1)"
    )
    func rotationIsAReshuffle() throws {
        let c = (0.5).squareRoot()
        let s = (0.5).squareRoot()
        let u0 = known.leftVector(0)
        let u1 = known.leftVector(1)
        // (R − I)·W0 = σ0·((c − 1)u0 + s·u1)·v0ᵀ + σ1·(−s·u0 + (c − 1)u1)·v1ᵀ.
        let first = zip(u0, u1).map { (c - 1) * $0 + s * $1 }
        let second = zip(u0, u1).map { -s * $0 + (c - 1) * $1 }
        var tuned = known.adding(known.sigma[0], first, known.rightVector(0))
        let step = known.adding(known.sigma[1], second, known.rightVector(1))
        for index in tuned.values.indices { tuned.values[index] += step.values[index] - known.matrix.values[index] }
        let measures = try measures(tuned)
        #expect(measures.intruders.byEpsilon[0.8] == 2)
        #expect(measures.topSpanFractions.allSatisfy { $0 > 0.99 })
        #expect(newDirections(measures, epsilon: 0.8) == 0)
    }

    @Test("An unchanged matrix's top vectors are W0's own: every fraction is 1")
    func unchangedIsInsideTheSpan() throws {
        let measures = try measures(known.matrix)
        #expect(measures.topSpanFractions.allSatisfy { abs($0 - 1) < 1e-4 })
    }
}
