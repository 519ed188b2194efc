import SpeclensCheckpoints
import SpeclensDataset
import SpeclensLinearAlgebraTestSupport
import Testing

@testable import SpeclensAnalysis
@testable import SpeclensLinearAlgebra

@Suite("Which path gives a comparison its values: the Gram path where it applies and is cheaper, LAPACK elsewhere")
struct GramPathTests {
    @Test(
        "σ_l / σ₁ below 10⁻³ (the 32nd of 10·0.8^i is 9.9·10⁻⁴·σ₁): no Gram result, and the analysis takes the exact SVD and records `exact`"
    )
    func smallRatioFallsBack() throws {
        let known = KnownSVD(out: 96, inputs: 64, sigma: KnownSVD.decaying(64), seed: 7)
        #expect(GramEigenTriplets.top(of: known.matrix, count: 32) == nil)
        let base = try SingularValueDecomposition(of: known.matrix, name: "W")
        let tuned = known.adding(0.5, known.leftVector(0), known.rightVector(0))
        let comparison = try MatrixComparisonAnalysis(
            parameters: AnalysisParameters(spectrumBuckets: 0, nullControls: false)
        )
        .compare(
            name: "W", base: known.matrix, decomposition: base, baseFrobenius: 1,
            tuned: .replacement(tuned, dtype: .f32), tunedName: "W", matchedBy: .name(.exact), wholeSpectrum: false)
        #expect(comparison.tunedDecomposition == .exact)
        let wider = try MatrixComparisonAnalysis(
            parameters: AnalysisParameters(similarityTopN: 20, spectrumBuckets: 0, nullControls: false)
        )
        .compare(
            name: "W", base: known.matrix, decomposition: base, baseFrobenius: 1,
            tuned: .replacement(tuned, dtype: .f32), tunedName: "W", matchedBy: .name(.exact), wholeSpectrum: false)
        #expect(wider.tunedDecomposition == .gram)
    }

    @Test(
        "a stored ΔW's values come from the Gram path when it is at least twice as long as wide or ≥ 2048 on its short side, from sgesdd otherwise; both give the float64 values"
    )
    func deltaValuesRoute() throws {
        #expect(GramEigenTriplets.cheaperForValues(rows: 3072, columns: 768))
        #expect(GramEigenTriplets.cheaperForValues(rows: 768, columns: 3072))
        #expect(!GramEigenTriplets.cheaperForValues(rows: 768, columns: 768))
        #expect(!GramEigenTriplets.cheaperForValues(rows: 1000, columns: 1999))
        #expect(GramEigenTriplets.cheaperForValues(rows: 4096, columns: 4096))
        for shape in [(out: 120, inputs: 40), (out: 40, inputs: 40)] {
            let known = KnownSVD(
                out: shape.out, inputs: shape.inputs, sigma: KnownSVD.decaying(40, ratio: 0.9), seed: 5)
            let values = try MatrixComparisonAnalysis.singularValues(of: known.matrix, name: "ΔW")
            let truth = Float64SVD(known.matrix)
            for (ours, exact) in zip(values, truth.values) { #expect(abs(ours - exact) <= 1e-6 * truth.values[0]) }
        }
    }
}
