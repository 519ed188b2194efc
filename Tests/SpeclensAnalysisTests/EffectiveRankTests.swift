import Foundation
import SpeclensCheckpoints
import SpeclensLinearAlgebraTestSupport
import Testing

@testable import SpeclensAnalysis
@testable import SpeclensLinearAlgebra

@Suite("Effective rank of ΔW (Roy & Vetterli, with the float32 noise floor)")
struct EffectiveRankTests {
    @Test("r equal singular values give effective rank r", arguments: [1, 4, 17])
    func flatSpectrum(r: Int) {
        let rank = EffectiveRank(singularValues: Array(repeating: 2.5, count: r), shape: [64, 32])
        #expect(abs(rank.value! - Double(r)) < 1e-12)
    }

    @Test("σ = (3, 1) gives exp(H(0.75, 0.25)) = 1.7548…")
    func twoValues() {
        let rank = EffectiveRank(singularValues: [1, 3], shape: [8, 8])
        let expected = exp(-(0.75 * log(0.75) + 0.25 * log(0.25)))
        #expect(abs(rank.value! - expected) < 1e-12)
        #expect(abs(expected - 1.7548) < 1e-4)
    }

    @Test("values at or below σ_max · max(m, n) · 2⁻²⁴ are dropped")
    func noiseFloor() {
        let cutoff = 1.0 * 100 * 0x1p-24
        let rank = EffectiveRank(singularValues: [1, cutoff, cutoff / 2], shape: [100, 50])
        #expect(rank.value == 1)
        #expect(rank.cutoff == cutoff)
        #expect(rank.keptValues == [1])
    }

    @Test("a zero update has no effective rank")
    func zeroUpdate() {
        #expect(EffectiveRank(singularValues: [0, 0, 0], shape: [3, 3]).value == nil)
    }

    @Test("a dense float32 ΔW with known spectrum (5, 4, 3, 2, 1) gives its exact effective rank within 1e-4")
    func denseKnownSpectrum() throws {
        let sigma: [Double] = [5, 4, 3, 2, 1]
        let known = KnownSVD(out: 70, inputs: 40, sigma: sigma, seed: 3)
        let values = try SingularValueDecomposition.values(of: known.matrix, name: "dW")
        let rank = EffectiveRank(singularValues: values.map(Double.init), shape: [70, 40])
        let p = sigma.map { $0 / 15 }
        let expected = exp(-p.reduce(0) { $0 + $1 * log($1) })
        #expect(abs(rank.value! - expected) / expected < 1e-4)
        #expect(rank.keptValues.count == 5)
    }

    @Test("a LoRA update s·B·A formed from its factors has exactly the singular values s·σ")
    func lowRankFactors() throws {
        let known = KnownSVD(out: 50, inputs: 30, sigma: [4, 2, 1], seed: 5)
        // B = U diag(σ) (50 × 3), A = Vᵀ (3 × 30).
        var b = Matrix(zeros: 50, 3)
        var a = Matrix(zeros: 3, 30)
        for i in 0..<50 { for l in 0..<3 { b[i, l] = Float(known.u[i * 3 + l] * known.sigma[l]) } }
        for l in 0..<3 { for j in 0..<30 { a[l, j] = Float(known.v[j * 3 + l]) } }
        let values = try LowRankSpectrum.singularValues(b: b, a: a, scale: 2, name: "dW")
        #expect(values.count == 3)
        for (computed, expected) in zip(values, [8.0, 4.0, 2.0]) {
            #expect(abs(computed - expected) < 1e-5)
        }
    }

    @Test("a rank-1 LoRA update has effective rank exactly 1")
    func rankOne() throws {
        var random = SeededRandom(seed: 9)
        let b = Matrix(rows: 40, columns: 1, values: random.gaussians(40))
        let a = Matrix(rows: 1, columns: 60, values: random.gaussians(60))
        let values = try LowRankSpectrum.singularValues(b: b, a: a, scale: 0.5, name: "dW")
        #expect(EffectiveRank(singularValues: values, shape: [40, 60]).value == 1)
    }
}
