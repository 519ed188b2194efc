import SpeclensCheckpoints
import SpeclensDataset
import SpeclensLinearAlgebra

/// ``LowRankMeasures`` of `ΔW = s·B·A` against W0, from the factors: with thin SVDs
/// `B = U_B Σ_B V_Bᵀ` and `A = U_A Σ_A V_Aᵀ`, `ΔW = U_B (s·Σ_B V_Bᵀ U_A Σ_A) V_Aᵀ`, so the SVD of
/// the small core gives ΔW's singular vectors without forming ΔW.
enum LowRankAnalysis {
    /// The measures, in analysis orientation (B `[out, r]`, A `[r, in]`, W0 `[out, in]`).
    static func measures(
        b: Matrix, a: Matrix, scale: Double, w0: Matrix, base: SingularValueDecomposition, name: String
    ) throws -> LowRankMeasures {
        let r = a.rows
        let svdB = try AnalysisError.mappingLinearAlgebra { try SingularValueDecomposition(of: b, name: name) }
        let svdA = try AnalysisError.mappingLinearAlgebra { try SingularValueDecomposition(of: a, name: name) }
        // Core: s · Σ_B V_Bᵀ · U_A Σ_A  (p_b × p_a).
        var left = svdB.rightTransposed  // p_b × r
        for i in 0..<left.rows { for j in 0..<left.columns { left[i, j] *= svdB.values[i] * Float(scale) } }
        var right = svdA.left  // r × p_a
        for i in 0..<right.rows { for j in 0..<right.columns { right[i, j] *= svdA.values[j] } }
        let core = MatrixProduct.multiply(left, right)
        let svdCore = try AnalysisError.mappingLinearAlgebra { try SingularValueDecomposition(of: core, name: name) }
        let uDelta = MatrixProduct.multiply(svdB.left, svdCore.left)  // out × q
        let vDeltaT = MatrixProduct.multiply(svdCore.rightTransposed, svdA.rightTransposed)  // q × in
        let top = min(r, svdCore.count, base.count)
        let u0 = base.leftColumns(top)
        let v0T = base.rightRows(top)

        // Principal angles: singular values of the Gram matrix of two orthonormal bases.
        let bCosines = try cosines(MatrixProduct.multiply(svdB.left, u0, transposeA: true), name: name)
        let aCosines = try cosines(MatrixProduct.multiply(svdA.rightTransposed, v0T, transposeB: true), name: name)
        let uTop = MatrixProduct.columns(uDelta, top)
        let vTopT = MatrixProduct.rows(vDeltaT, top)
        let similarity =
            top > 0 ? MatrixProduct.squaredNorm(MatrixProduct.multiply(uTop, u0, transposeA: true)) / Double(top) : 0
        let deltaNorm = svdCore.values.reduce(0.0) { $0 + Double($1) * Double($1) }.squareRoot()
        let projected = MatrixProduct.squaredNorm(
            MatrixProduct.multiply(MatrixProduct.multiply(uTop, w0, transposeA: true), vTopT, transposeB: true)
        ).squareRoot()
        return LowRankMeasures(
            rank: r, aRowSpaceCosines: aCosines, bColumnSpaceCosines: bCosines, subspaceSimilarity: similarity,
            amplification: projected > 0 ? deltaNorm / projected : nil)
    }

    /// The singular values of `gram` (cosines of principal angles), clamped to [0, 1].
    private static func cosines(_ gram: Matrix, name: String) throws -> [Float] {
        guard gram.rows > 0, gram.columns > 0 else { return [] }
        return try AnalysisError.mappingLinearAlgebra { try SingularValueDecomposition.values(of: gram, name: name) }
            .map { min(1, max(0, $0)) }
    }
}
