import SpeclensCheckpoints
import SpeclensDataset
import SpeclensLinearAlgebraTestSupport
import Testing

@testable import SpeclensAnalysis
@testable import SpeclensLinearAlgebra

@Suite(
    "The randomized path of a comparison: certified top triplets where they suffice, the exact path where they cannot be certified"
)
struct RandomizedPathTests {
    /// Parameters forcing the randomized path wherever the whole spectrum is not needed.
    static let forced = AnalysisParameters(spectrumBuckets: 0, nullControls: false, tunedDecomposition: .randomized)

    func compare(_ w0: Matrix, _ wt: Matrix, parameters: AnalysisParameters = forced) throws -> MatrixComparison {
        let base = try SingularValueDecomposition(of: w0, name: "W")
        return try MatrixComparisonAnalysis(parameters: parameters).compare(
            name: "W", base: w0, decomposition: base, baseFrobenius: 1, tuned: .replacement(wt, dtype: .f32),
            tunedName: "W", matchedBy: .name(.exact), wholeSpectrum: false)
    }

    @Test(
        "W + λ·v·vᵀ (square W, λ = 4 σ_max, v random): the randomized path finds exactly the one intruder at rank 0, recorded as randomized"
    )
    func rankOneIntruderWithFastPath() throws {
        let square = KnownSVD(out: 64, inputs: 64, sigma: KnownSVD.decaying(64), seed: 7)
        var random = SeededRandom(seed: 31)
        let v = random.unitVector(64)
        let comparison = try compare(square.matrix, square.adding(40, v, v))
        #expect(comparison.tunedDecomposition == .randomized)
        #expect(comparison.intruders == 1)
        #expect(comparison.intruderIndices == [0])
        #expect(comparison.singularValues.tuned.count == 32)
        let exact = try compare(
            square.matrix, square.adding(40, v, v),
            parameters: AnalysisParameters(spectrumBuckets: 0, nullControls: false, tunedDecomposition: .exact))
        #expect(exact.tunedDecomposition == .exact)
        for (fast, truth) in zip(comparison.maxCosineTopK, exact.maxCosineTopK) { #expect(abs(fast - truth) <= 1e-4) }
    }

    @Test(
        "a repeated singular value at the k boundary (σ_10 = σ_11) cannot be certified: the comparison falls back to the exact path and says so"
    )
    func repeatedValueAtBoundaryFallsBack() throws {
        var sigma = KnownSVD.decaying(64)
        sigma[10] = sigma[9]
        let degenerate = KnownSVD(out: 96, inputs: 64, sigma: sigma, seed: 7)
        #expect(
            TopSingularTriplets.compute(of: degenerate.matrix, count: 32, strict: 10, seed: 1, maxIterations: 150)
                == nil)
        // A change of the top triplet only keeps the pair σ_10 = σ_11 repeated in Wt.
        let wt = degenerate.adding(0.5, degenerate.leftVector(0), degenerate.rightVector(0))
        let comparison = try compare(degenerate.matrix, wt)
        #expect(comparison.tunedDecomposition == .exactFallback)
        #expect(comparison.maxCosineTopK.count == 10)
    }

    @Test(
        "the whole-spectrum sample takes, per module kind, the first and last layer (2 per kind) or the middle one (1, the default), the same from any order of names"
    )
    func wholeSpectrumSample() {
        let names = (0..<6).flatMap { layer in
            ["query", "key", "value"].map { "encoder.layer.\(layer).attention.self.\($0).weight" }
        }
        let chosen = WholeSpectrumSample.names(names, perModule: 2)
        #expect(chosen.count == 6)
        for module in ["query", "key", "value"] {
            #expect(chosen.contains("encoder.layer.0.attention.self.\(module).weight"))
            #expect(chosen.contains("encoder.layer.5.attention.self.\(module).weight"))
        }
        #expect(WholeSpectrumSample.names(names.reversed(), perModule: 2) == chosen)
        // The default, 1 per kind: the middle layer (the lower of layers 2 and 3 of 0…5).
        #expect(
            WholeSpectrumSample.names(names, parameters: AnalysisParameters())
                == Set(
                    ["query", "key", "value"].map { "encoder.layer.2.attention.self.\($0).weight" }))
        #expect(WholeSpectrumSample.names(names, parameters: AnalysisParameters(fullSpectra: true)).count == 18)
        #expect(WholeSpectrumSample.names(names, parameters: AnalysisParameters(spectrumBuckets: 0)).isEmpty)
    }
}
