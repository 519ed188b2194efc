import CLapacke
import Foundation
import SpeclensCheckpoints
import SpeclensDataset
import SpeclensLinearAlgebraTestSupport
import SpeclensTestSupport
import Testing

@testable import SpeclensAnalysis
@testable import SpeclensLinearAlgebra

@Suite("Random-direction baselines, the pre-trained span and null controls")
struct BaselineAndControlTests {
    /// W: 96 × 64 with σ_i = 10 · 0.8^i.
    let known = KnownSVD(out: 96, inputs: 64, sigma: KnownSVD.decaying(64), seed: 7)

    /// Mean and 95th percentile of max |U0ᵀx| over `draws` random unit vectors x (Monte Carlo
    /// with the real singular vectors, independent of the analytic shortcut the analysis uses).
    static func monteCarlo(_ u0: Matrix, draws: Int, seed: UInt64) -> (mean: Double, p95: Double) {
        let (n, p) = (u0.rows, u0.columns)
        var random = SeededRandom(seed: seed)
        var x = random.gaussians(n * draws)  // n × draws, columns are the draws
        for d in 0..<draws {
            var norm: Float = 0
            for i in 0..<n { norm += x[i * draws + d] * x[i * draws + d] }
            norm = norm.squareRoot()
            for i in 0..<n { x[i * draws + d] /= norm }
        }
        var c = [Float](repeating: 0, count: p * draws)
        cblas_sgemm(
            CblasRowMajor, CblasTrans, CblasNoTrans, Int32(p), Int32(draws), Int32(n), 1, u0.values, Int32(p),
            x, Int32(draws), 0, &c, Int32(draws))
        var best = [Double](repeating: 0, count: draws)
        for i in 0..<p { for d in 0..<draws { best[d] = max(best[d], Double(abs(c[i * draws + d]))) } }
        let sorted = best.sorted()
        return (best.reduce(0, +) / Double(draws), sorted[Int(0.95 * Double(draws - 1))])
    }

    @Test(
        "The baseline for the MiniLM shapes (384×384 and 1536×384, left vectors) is within 5% of a 2,000-draw Monte Carlo against the real U0",
        Fixtures.enabled,
        arguments: ["encoder.layer.0.attention.self.query.weight", "encoder.layer.0.intermediate.dense.weight"])
    func baselineMatchesMonteCarlo(name: String) throws {
        try Fixtures.require()
        let w0 = try ModelCheckpoint(path: Fixtures.minilm("base")).matrix(name)
        let svd = try SingularValueDecomposition(of: w0, name: name)
        let baseline = RandomDirectionBaseline.of(dimension: w0.rows, basisSize: svd.count)
        let simulated = Self.monteCarlo(svd.left, draws: 2000, seed: 99)
        #expect(
            abs(baseline.mean - simulated.mean) / simulated.mean < 0.05,
            "\(name): \(baseline.mean) vs \(simulated.mean)")
        #expect(
            abs(baseline.percentile95 - simulated.p95) / simulated.p95 < 0.05,
            "\(name): p95 \(baseline.percentile95) vs \(simulated.p95)")
    }

    @Test(
        "The baseline falls as the basis covers less of the space: n = 1536 against 384 vectors reads below n = 1536 against all, and below √(2 ln n / n)"
    )
    func baselineDependsOnBasis() {
        let partial = RandomDirectionBaseline.of(dimension: 1536, basisSize: 384)
        let complete = RandomDirectionBaseline.of(dimension: 1536, basisSize: 1536)
        #expect(partial.mean < complete.mean)
        #expect(complete.mean < (2 * log(1536.0) / 1536).squareRoot())
        #expect(partial.percentile95 > partial.mean)
        #expect(RandomDirectionBaseline.of(dimension: 1536, basisSize: 384) == partial)
    }

    func compare(_ tuned: Matrix, controls: NullControlPlan? = nil) throws -> MatrixComparison {
        let analysis = MatrixComparisonAnalysis(parameters: AnalysisParameters(spectrumBuckets: 8))
        let svd = try SingularValueDecomposition(of: known.matrix, name: "W")
        return try analysis.compare(
            name: "W", base: known.matrix, decomposition: svd, baseFrobenius: 1,
            tuned: .replacement(tuned, dtype: .f32),
            tunedName: "W", matchedBy: .name(.exact), controls: controls)
    }

    /// A unit vector of R^96 orthogonal to the 64 pre-trained left singular vectors.
    func outsideSpan() -> [Double] {
        var random = SeededRandom(seed: 5)
        var x = random.unitVector(96)
        for j in 0..<64 {
            let u = known.leftVector(j)
            let dot = zip(x, u).reduce(0) { $0 + $1.0 * $1.1 }
            for i in x.indices { x[i] -= dot * u[i] }
        }
        let norm = x.reduce(0) { $0 + $1 * $1 }.squareRoot()
        return x.map { $0 / norm }
    }

    @Test(
        "Out > in, left vectors: a top vector outside span(U0) is an intruder that leaves the span (span fraction ≈ 0); one inside is not counted so"
    )
    func leavingTheSpan() throws {
        let outside = try compare(known.adding(40, outsideSpan(), known.rightVector(63)))
        let fractions = try #require(outside.spanFractionTopK)
        #expect(fractions.count == 10)
        #expect(fractions[0] < 0.01)
        #expect(fractions[1...].allSatisfy { $0 > 0.99 })
        #expect(outside.intruders == 1)
        #expect(outside.leavesSpan(0))
        #expect(outside.intrudersOutsideSpan(epsilon: 0.5) == 1)

        // A direction inside the span that matches no single pre-trained vector.
        let u = (0..<96).map { i in (0..<8).reduce(0.0) { $0 + known.leftVector($1 + 20)[i] } / 8.0.squareRoot() }
        let inside = try compare(known.adding(40, u, known.rightVector(63)))
        #expect(inside.intruders == 1)
        #expect(try #require(inside.spanFractionTopK)[0] > 0.99)
        #expect(inside.intrudersOutsideSpan(epsilon: 0.5) == 0)
    }

    @Test("Square matrices and right vectors of out > in span the whole space: no span fractions are recorded")
    func fullSpan() throws {
        let analysis = MatrixComparisonAnalysis(parameters: AnalysisParameters(singularVectors: .right))
        let svd = try SingularValueDecomposition(of: known.matrix, name: "W")
        let right = try analysis.compare(
            name: "W", base: known.matrix, decomposition: svd, baseFrobenius: 1,
            tuned: .replacement(known.adding(40, outsideSpan(), known.rightVector(63)), dtype: .f32),
            tunedName: "W", matchedBy: .name(.exact))
        #expect(right.spanFractionTopK == nil)
    }

    @Test(
        "Null controls: isotropic (rank min(out, in)) and, with a LoRA rank, low-rank (rank r); same seed same numbers, another seed other draws"
    )
    func controls() throws {
        var random = SeededRandom(seed: 3)
        let tuned = known.adding(2, random.unitVector(96), random.unitVector(64))
        let first = try compare(tuned, controls: NullControlPlan(run: "run", matrix: "W", lowRank: 4))
        let again = try compare(tuned, controls: NullControlPlan(run: "run", matrix: "W", lowRank: 4))
        let other = try compare(tuned, controls: NullControlPlan(run: "other", matrix: "W", lowRank: 4))
        let controls = try #require(first.nullControls)
        #expect(controls.map(\.kind) == [.isotropic, .lowRank])
        #expect(controls.map(\.rank) == [64, 4])
        #expect(controls.allSatisfy { $0.maxCosineTopK.count == 10 && $0.spectrumIntruderFractions?.count == 8 })
        #expect(again.nullControls == controls)
        #expect(other.nullControls?[0].maxCosineTopK != controls[0].maxCosineTopK)
        #expect(try compare(tuned).nullControls == [])
    }

    @Test(
        "A small isotropic control (‖N‖_F = 0.05, far below the singular gaps) moves no vector: every control max |cos| > 0.99, no intruder"
    )
    func smallControl() throws {
        var tuned = known.matrix
        var random = SeededRandom(seed: 8)
        let noise = random.gaussians(96 * 64)
        let norm = noise.reduce(0) { $0 + Double($1) * Double($1) }.squareRoot()
        for index in tuned.values.indices { tuned.values[index] += Float(0.05 / norm) * noise[index] }
        let control = try #require(
            try compare(tuned, controls: NullControlPlan(seed: 1, lowRank: nil)).nullControls?.first)
        #expect(control.kind == .isotropic)
        #expect(control.maxCosineTopK.allSatisfy { $0 > 0.99 })
        #expect(control.intrudersByEpsilon[0.5] == 0)
    }
}
