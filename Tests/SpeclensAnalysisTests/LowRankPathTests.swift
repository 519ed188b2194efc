import SpeclensCheckpoints
import SpeclensDataset
import SpeclensLinearAlgebraTestSupport
import Testing

@testable import SpeclensAnalysis
@testable import SpeclensLinearAlgebra

@Suite("A LoRA comparison decomposes W0 + s·B·A from the factored Gram matrix")
struct LowRankPathTests {
    /// W0 96 × 48 with σ_i = 10·0.9^i, its LAPACK decomposition, a rank-3 update `0.7·B·A` with
    /// Gaussian factors, and the merged matrix.
    static func case96x48() throws -> (
        w0: Matrix, base: SingularValueDecomposition, update: LowRankUpdate, merged: Matrix
    ) {
        let known = KnownSVD(out: 96, inputs: 48, sigma: KnownSVD.decaying(48, ratio: 0.9), seed: 11)
        let w0 = known.matrix
        let base = try SingularValueDecomposition(of: w0, name: "W0")
        var random = SeededRandom(seed: 5)
        let update = LowRankUpdate(
            b: Matrix(rows: 96, columns: 3, values: random.gaussians(96 * 3).map { $0 * 0.3 }),
            a: Matrix(rows: 3, columns: 48, values: random.gaussians(3 * 48).map { $0 * 0.1 }),
            scale: 0.7)
        let merged = MatrixComparisonAnalysis.merge(base: w0, b: update.b, a: update.a, scale: update.scale)
        return (w0, base, update, merged)
    }

    @Test(
        "a LoRA comparison records gram_low_rank for its top triplets and for a long matrix's whole spectrum, and finds the intruders of the merged matrix's gram path, max |cos| within 1e-4"
    )
    func comparisonRecordsPath() throws {
        let c = try Self.case96x48()
        let analysis = MatrixComparisonAnalysis(
            parameters: AnalysisParameters(topK: 10, similarityTopN: 16, nullControls: false))
        for whole in [false, true] {
            let lora = try analysis.compare(
                name: "W", base: c.w0, decomposition: c.base, baseFrobenius: 1,
                tuned: .lowRank(b: c.update.b, a: c.update.a, scale: c.update.scale), tunedName: "W",
                matchedBy: .name(.exact), wholeSpectrum: whole)
            let dense = try analysis.compare(
                name: "W", base: c.w0, decomposition: c.base, baseFrobenius: 1,
                tuned: .replacement(c.merged, dtype: .f32),
                tunedName: "W", matchedBy: .name(.exact), wholeSpectrum: whole)
            #expect(lora.tunedDecomposition == .gramLowRank)
            #expect(dense.tunedDecomposition == .gram)
            #expect(lora.intrudersByEpsilon == dense.intrudersByEpsilon)
            for (a, b) in zip(lora.maxCosineTopK, dense.maxCosineTopK) { #expect(abs(a - b) <= 1e-4) }
        }
    }
}
