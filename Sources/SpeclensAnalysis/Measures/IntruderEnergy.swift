import SpeclensCheckpoints
import SpeclensDataset
import SpeclensLinearAlgebra

/// The share of an update's energy along intruder directions: `Σ_{j∈J} ‖u_jᵀ ΔW‖² / ‖ΔW‖²_F` for
/// left vectors u_j of Wt (or `Σ ‖ΔW v_j‖²` for right vectors), with ΔW row-major `[out, in]`.
enum IntruderEnergy {
    /// The share for a dense ΔW (`rows × columns`, row-major): one `sgemm` of the |J| intruder
    /// vectors against ΔW, squares summed in float64.
    static func share(
        delta: [Float], rows m: Int, columns n: Int, tuned: SingularValueDecomposition,
        indices: [Int], side: SingularVectorSide
    ) -> Double {
        let total = delta.reduce(0.0) { $0 + Double($1) * Double($1) }
        guard total > 0, !indices.isEmpty else { return 0 }
        let deltaMatrix = Matrix(rows: m, columns: n, values: delta)
        let projected: Matrix
        switch side {
        case .left:  // U_Jᵀ ΔW: |J| × n
            projected = MatrixProduct.multiply(Self.leftVectors(tuned, indices), deltaMatrix, transposeA: true)
        case .right:  // ΔW V_J: m × |J|
            projected = MatrixProduct.multiply(deltaMatrix, Self.rightVectors(tuned, indices), transposeB: true)
        }
        return MatrixProduct.squaredNorm(projected) / total
    }

    /// The share for a low-rank update `ΔW = s·B·A` (B `[out, r]`, A `[r, in]`) without forming
    /// ΔW: `‖u_jᵀ ΔW‖² = s² c_jᵀ (A Aᵀ) c_j` with `c_j = Bᵀ u_j`, and `‖ΔW‖²_F = s² tr(BᵀB · AAᵀ)`
    /// (for right vectors the roles of B and A swap). Costs O((out + in) · r²).
    static func share(
        update: LowRankUpdate, tuned: SingularValueDecomposition,
        indices: [Int], side: SingularVectorSide
    ) -> Double {
        let r = update.rank
        guard !indices.isEmpty, r > 0 else { return 0 }
        let (gramB, gramA) = update.factorGrams()
        let total = LowRankUpdate.trace(gramB, gramA, order: r)
        guard total > 0 else { return 0 }
        // Coefficients of the intruder vectors in the factor that faces them, and the Gram of the other.
        let (coefficients, gram): (Matrix, [Double])
        switch side {
        case .left:
            (coefficients, gram) = (
                MatrixProduct.multiply(Self.leftVectors(tuned, indices), update.b, transposeA: true), gramA
            )
        case .right:
            (coefficients, gram) = (
                MatrixProduct.multiply(Self.rightVectors(tuned, indices), update.a, transposeB: true), gramB
            )
        }
        var along = 0.0
        for row in 0..<coefficients.rows {
            for i in 0..<r {
                let ci = Double(coefficients[row, i])
                for j in 0..<r { along += ci * gram[i * r + j] * Double(coefficients[row, j]) }
            }
        }
        return min(1, max(0, along / total))
    }

    /// The left singular vectors u_j, j ∈ `indices`, as the columns of an `out × |J|` matrix (only
    /// the first `max(J) + 1` are derived when U is a derived side).
    private static func leftVectors(_ svd: SingularValueDecomposition, _ indices: [Int]) -> Matrix {
        let left = svd.leftColumns((indices.max() ?? -1) + 1)
        let m = left.rows
        var values = [Float](repeating: 0, count: m * indices.count)
        for row in 0..<m { for (c, j) in indices.enumerated() { values[row * indices.count + c] = left[row, j] } }
        return Matrix(rows: m, columns: indices.count, values: values)
    }

    /// The right singular vectors v_jᵀ, j ∈ `indices`, as the rows of a `|J| × in` matrix (only the
    /// first `max(J) + 1` are derived when V is a derived side).
    private static func rightVectors(_ svd: SingularValueDecomposition, _ indices: [Int]) -> Matrix {
        let right = svd.rightRows((indices.max() ?? -1) + 1)
        let n = right.columns
        var values = [Float]()
        values.reserveCapacity(n * indices.count)
        for j in indices { values += right.values[(j * n)..<((j + 1) * n)] }
        return Matrix(rows: indices.count, columns: n, values: values)
    }
}
