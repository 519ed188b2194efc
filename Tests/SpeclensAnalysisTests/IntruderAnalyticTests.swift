import SpeclensCheckpoints
import SpeclensDataset
import SpeclensLinearAlgebraTestSupport
import Testing

@testable import SpeclensAnalysis
@testable import SpeclensLinearAlgebra

@Suite("Intruder dimensions on matrices with a known SVD")
struct IntruderAnalyticTests {
    /// W: 96 × 64 with σ_i = 10 · 0.8^i (gaps between the top 11 values ≥ 0.2).
    let known = KnownSVD(out: 96, inputs: 64, sigma: KnownSVD.decaying(64), seed: 7)

    func maxCosines(_ tuned: Matrix, side: SingularVectorSide) throws -> [Float] {
        let base = try SingularValueDecomposition(of: known.matrix, name: "W0")
        let fine = try SingularValueDecomposition(of: tuned, name: "Wt")
        return SingularVectorComparison(base: base, tuned: fine, side: side, tunedCount: 10)
            .maxCosines(first: 10)
    }

    @Test("W + λ·u·v_lastᵀ (u random, λ = 4 σ_max) gives exactly one intruder at ε = 0.5 in output space, at rank 0")
    func rankOneIntruderLeft() throws {
        var random = SeededRandom(seed: 11)
        let u = random.unitVector(96)
        let tuned = known.adding(40, u, known.rightVector(63))
        let count = IntruderCount(maxCosines: try maxCosines(tuned, side: .left), epsilon: 0.5, grid: [])
        #expect(count.count == 1)
        #expect(count.indices == [0])
    }

    @Test("the same update adds no intruder in input space, where v_last is a pre-trained direction")
    func rankOneIntruderIsNotInInputSpace() throws {
        var random = SeededRandom(seed: 11)
        let u = random.unitVector(96)
        let tuned = known.adding(40, u, known.rightVector(63))
        let count = IntruderCount(maxCosines: try maxCosines(tuned, side: .right), epsilon: 0.5, grid: [])
        #expect(count.count == 0)
    }

    @Test("the intruder's max |cos| is near the random baseline sqrt(2 ln n / n), far below 0.5")
    func intruderNearBaseline() throws {
        var random = SeededRandom(seed: 11)
        let u = random.unitVector(96)
        let cosines = try maxCosines(known.adding(40, u, known.rightVector(63)), side: .left)
        #expect(cosines[0] < 0.45)
        #expect(cosines[1...].allSatisfy { $0 > 0.9 })
    }

    /// The paper's construction (method §6): square W (64 × 64, σ_i = 10 · 0.8^i), a random unit
    /// v (seed 31) and W + λ·v·vᵀ with λ = 40 above σ_max = 10. v is a new direction on BOTH sides,
    /// unlike the update above, whose input direction is a pre-trained one.
    struct RandomDirectionUpdate {
        let known = KnownSVD(out: 64, inputs: 64, sigma: KnownSVD.decaying(64), seed: 7)
        let v: [Double]
        let base: SingularValueDecomposition
        let tuned: SingularValueDecomposition

        init() throws {
            var random = SeededRandom(seed: 31)
            v = random.unitVector(64)
            base = try SingularValueDecomposition(of: known.matrix, name: "W0")
            tuned = try SingularValueDecomposition(of: known.adding(40, v, v), name: "Wt")
        }

        /// Max |cos| of Wt's top-10 vectors on `side` against all of W's.
        func maxCosines(_ side: SingularVectorSide) -> [Float] {
            SingularVectorComparison(base: base, tuned: tuned, side: side, tunedCount: 10).maxCosines(first: 10)
        }

        /// |cos| between v and Wt's top left (or right) singular vector.
        func topAlignment(_ side: SingularVectorSide) -> Double {
            let top = (0..<64).map { Double(side == .left ? tuned.left[$0, 0] : tuned.rightTransposed[0, $0]) }
            return absoluteCosine(top, v)
        }
    }

    @Test(
        "W + λ·v·vᵀ with v a random unit vector (square W, λ = 4 σ_max): Wt's top singular vector is an intruder at ε = 0.5 in BOTH the output (left) and the input (right) space",
        arguments: [SingularVectorSide.left, .right])
    func randomDirectionIntruderOnBothSides(side: SingularVectorSide) throws {
        let update = try RandomDirectionUpdate()
        let cosines = update.maxCosines(side)
        let count = IntruderCount(maxCosines: cosines, epsilon: 0.5, grid: [])
        #expect(count.indices == [0], "max |cos| \(cosines)")
        // The mechanism: a large new singular value whose direction is v itself, nearly, and v is
        // near no pre-trained vector.
        #expect(update.topAlignment(side) > 0.95)
        #expect(cosines[0] < 0.45)
        #expect(update.tuned.values[0] > 3 * Float(update.known.sigma[0]))
    }

    @Test(
        "a full-rank perturbation far smaller than the top singular gaps creates no intruder",
        arguments: [21, 22, 23] as [UInt64])
    func smallFullRankPerturbation(seed: UInt64) throws {
        var random = SeededRandom(seed: seed)
        var tuned = known.matrix
        let noise = random.gaussians(96 * 64)
        for index in tuned.values.indices { tuned.values[index] += 1e-3 * noise[index] }
        let cosines = try maxCosines(tuned, side: .left)
        #expect(IntruderCount(maxCosines: cosines, epsilon: 0.5, grid: []).count == 0)
        #expect(cosines.allSatisfy { $0 > 0.99 })
    }

    @Test("ε is strict and the grid counts every threshold")
    func strictEpsilon() {
        let count = IntruderCount(maxCosines: [0.5, 0.3, 0.9], epsilon: 0.5, grid: [0.3, 0.5, 0.95])
        #expect(count.indices == [1])
        #expect(count.byEpsilon == [0.3: 0, 0.5: 1, 0.95: 3])
    }
}

@Suite("Intruders across the spectrum (rank buckets)")
struct SpectrumBucketTests {
    @Test("ten buckets over 20 vectors hold two ranks each; fractions count max |cos| < ε")
    func deciles() {
        var cosines = [Float](repeating: 0.9, count: 20)
        cosines[0] = 0.1  // bucket 0: one of two
        cosines[18] = 0.2
        cosines[19] = 0.3  // bucket 9: two of two
        let fractions = MatrixComparisonAnalysis.bucketFractions(maxCosines: cosines, epsilon: 0.5, buckets: 10)
        #expect(fractions == [0.5, 0, 0, 0, 0, 0, 0, 0, 0, 1])
    }

    @Test("with fewer vectors than buckets, empty buckets read 0 and no vector is lost")
    func fewVectors() {
        let fractions = MatrixComparisonAnalysis.bucketFractions(maxCosines: [0.1, 0.9, 0.2], epsilon: 0.5, buckets: 5)
        #expect(fractions.count == 5)
        #expect(fractions.filter { $0 > 0 }.count == 2)
    }

    @Test("W + λ·u·vᵀ puts its one intruder in the first rank bucket")
    func rankOneUpdateBucket() throws {
        let known = KnownSVD(out: 96, inputs: 64, sigma: KnownSVD.decaying(64), seed: 7)
        var random = SeededRandom(seed: 11)
        let tuned = known.adding(40, random.unitVector(96), known.rightVector(63))
        let analysis = MatrixComparisonAnalysis(parameters: AnalysisParameters(spectrumBuckets: 8))
        let svd = try SingularValueDecomposition(of: known.matrix, name: "W")
        let comparison = try analysis.compare(
            name: "W", base: known.matrix, decomposition: svd, baseFrobenius: 1,
            tuned: .replacement(tuned, dtype: .f32), tunedName: "W", matchedBy: .name(.exact))
        let fractions = try #require(comparison.spectrumIntruderFractions)
        #expect(fractions.count == 8)
        #expect(fractions[0] == 1.0 / 8)
        #expect(comparison.intruders == 1)
    }
}
