import SpeclensCheckpoints
import SpeclensDataset
import SpeclensLinearAlgebraTestSupport
import Testing

@testable import SpeclensAnalysis
@testable import SpeclensLinearAlgebra

@Suite("The random-direction experiment on a base matrix")
struct RandomDirectionProbeTests {
    @Test(
        "W + λ·σ_max·u·vᵀ: no intruder for small λ; from λ = 2·σ_max on exactly one, whose max |cos| is near the random baseline; same seed, same numbers"
    )
    func probe() throws {
        let known = KnownSVD(out: 96, inputs: 64, sigma: KnownSVD.decaying(64), seed: 7)
        let svd = try SingularValueDecomposition(of: known.matrix, name: "W")
        let probe = RandomDirectionProbe(parameters: AnalysisParameters())
        let result = try probe.probe(name: "W", w0: known.matrix, decomposition: svd)
        #expect(result.intruders.count == RandomDirectionProbe.lambdas.count)
        #expect(result.intruders[0] == 0)  // λ = 0.05
        for (lambda, count) in zip(RandomDirectionProbe.lambdas, result.intruders) where lambda >= 2 {
            #expect(count == 1, "λ = \(lambda)")
        }
        let last = RandomDirectionProbe.lambdas.count - 1
        #expect(result.newVectorRank[last] == 0)
        #expect(result.newVectorMaxCosine[last] < 0.4)
        #expect(abs(result.largestSingularValue - 10) < 1e-3)
        #expect(try probe.probe(name: "W", w0: known.matrix, decomposition: svd) == result)
    }
}
