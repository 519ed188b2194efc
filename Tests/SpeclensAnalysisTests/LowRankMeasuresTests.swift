import SpeclensCheckpoints
import SpeclensDataset
import SpeclensLinearAlgebraTestSupport
import Testing

@testable import SpeclensAnalysis
@testable import SpeclensLinearAlgebra

@Suite("How a LoRA update sits relative to W0: alignment, subspace similarity, amplification")
struct LowRankMeasuresTests {
    let known = KnownSVD(out: 64, inputs: 48, sigma: KnownSVD.decaying(48), seed: 13)

    func compare(b: Matrix, a: Matrix, scale: Double = 1) throws -> MatrixComparison {
        let analysis = MatrixComparisonAnalysis(parameters: AnalysisParameters(nullControls: false))
        let svd = try SingularValueDecomposition(of: known.matrix, name: "W")
        return try analysis.compare(
            name: "W", base: known.matrix, decomposition: svd, baseFrobenius: 1,
            tuned: .lowRank(b: b, a: a, scale: scale), tunedName: "W", matchedBy: .name(.exact))
    }

    /// Columns `indices` of U (or V) as a matrix `[dimension, indices.count]`.
    func basis(_ vector: (Int) -> [Double], _ indices: [Int], dimension: Int) -> Matrix {
        var m = Matrix(zeros: dimension, indices.count)
        for (c, j) in indices.enumerated() { for (i, x) in vector(j).enumerated() { m[i, c] = Float(x) } }
        return m
    }

    @Test(
        "B in span(U0 top-2) and A's rows in span(V0 top-2): every principal-angle cosine is 1 and the subspace similarity is 1"
    )
    func aligned() throws {
        let b = basis(known.leftVector, [0, 1], dimension: 64)
        let a = basis(known.rightVector, [0, 1], dimension: 48).transposed()
        let measures = try #require(try compare(b: b, a: a).lowRankMeasures)
        #expect(measures.rank == 2)
        #expect(measures.bColumnSpaceCosines.allSatisfy { abs($0 - 1) < 1e-4 })
        #expect(measures.aRowSpaceCosines.allSatisfy { abs($0 - 1) < 1e-4 })
        #expect(abs(measures.subspaceSimilarity - 1) < 1e-4)
    }

    @Test(
        "ΔW = 3·u_last·v_lastᵀ (W0's weakest direction): amplification ‖ΔW‖_F / ‖U_1ᵀ W0 V_1‖_F = 3 / σ_last, and no alignment with the top direction"
    )
    func amplification() throws {
        let last = 47
        let b = basis(known.leftVector, [last], dimension: 64)
        let a = basis(known.rightVector, [last], dimension: 48).transposed()
        let measures = try #require(try compare(b: b, a: a, scale: 3).lowRankMeasures)
        let expected = 3 / known.sigma[last]
        #expect(abs((measures.amplification ?? 0) - expected) / expected < 1e-3)
        #expect(measures.bColumnSpaceCosines[0] < 1e-3)
        #expect(measures.subspaceSimilarity < 1e-3)
    }

    @Test("The energy share of an intruder created by a large random rank-one update is close to 1")
    func energyShare() throws {
        var random = SeededRandom(seed: 2)
        let b = Matrix(rows: 64, columns: 1, values: random.unitVector(64).map { Float($0 * 40) })
        let a = Matrix(rows: 1, columns: 48, values: random.unitVector(48).map(Float.init))
        let comparison = try compare(b: b, a: a)
        #expect(comparison.intruders == 1)
        #expect((comparison.intruderEnergyShare ?? 0) > 0.9)
    }

    @Test(
        "The energy share computed from the factors s·B·A (ΔW never formed) equals the one from the same update stored as a full fine-tune, for left and right vectors, within 1e-4",
        arguments: [SingularVectorSide.left, .right])
    func energyShareFromFactors(side: SingularVectorSide) throws {
        var random = SeededRandom(seed: 4)
        let b = Matrix(rows: 64, columns: 3, values: random.gaussians(64 * 3).map { $0 * 6 })
        let a = Matrix(rows: 3, columns: 48, values: random.gaussians(3 * 48))
        let analysis = MatrixComparisonAnalysis(
            parameters: AnalysisParameters(singularVectors: side, nullControls: false))
        let svd = try SingularValueDecomposition(of: known.matrix, name: "W")
        let factored = try analysis.compare(
            name: "W", base: known.matrix, decomposition: svd, baseFrobenius: 1,
            tuned: .lowRank(b: b, a: a, scale: 0.5), tunedName: "W", matchedBy: .name(.exact))
        let merged = MatrixComparisonAnalysis.merge(base: known.matrix, b: b, a: a, scale: 0.5)
        let stored = try analysis.compare(
            name: "W", base: known.matrix, decomposition: svd, baseFrobenius: 1,
            tuned: .replacement(merged, dtype: .f32), tunedName: "W", matchedBy: .name(.exact))
        #expect(factored.intruders > 0)
        #expect(factored.intruderIndices == stored.intruderIndices)
        let share = try #require(factored.intruderEnergyShare)
        #expect(share > 0 && share <= 1)
        #expect(abs(share - (stored.intruderEnergyShare ?? -1)) < 1e-4)
    }
}
