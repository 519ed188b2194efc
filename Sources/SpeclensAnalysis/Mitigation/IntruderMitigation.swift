import SpeclensCheckpoints
import SpeclensDataset
import SpeclensLinearAlgebra

/// Intruder mitigation (Shuttleworth et al.; PEFT's `reduce_intruder_dimension`, defaults k 10,
/// ε 0.5, λ 0.75), on one LoRA module in its layer's `[out, in]` layout (the output space, as the
/// analysis uses):
///
/// 1. `Wm = W0 + s·B·A` (float32), thin SVDs of W0 and Wm;
/// 2. the intruders J among Wm's top k left singular vectors (max |cos| against all of W0's `< ε`);
/// 3. `Wm' = Wm + (λ − 1)·Σ_{j∈J} σ_j u_j v_jᵀ` (each intruder's singular value scaled by λ);
/// 4. `ΔW' = (Wm' − W0) / s`, and its best rank-r approximation split as `B' = U_r Σ_r^½`,
///    `A' = Σ_r^½ V_rᵀ`.
///
/// PEFT runs the same steps on the weight as stored, which is the layer's layout only for
/// `nn.Linear`; for GPT-2 Conv1D and embeddings speclens works in the output space instead.
public struct IntruderMitigation: Sendable, Equatable {
    /// Top-k merged vectors tested.
    public let topK: Int
    /// Intruder threshold (strict).
    public let epsilon: Double
    /// The factor applied to intruders' singular values.
    public let lambda: Double

    public init(topK: Int = 10, epsilon: Double = 0.5, lambda: Double = 0.75) {
        self.topK = topK
        self.epsilon = epsilon
        self.lambda = lambda
    }

    /// The outcome for one module.
    struct Outcome: Sendable {
        /// New factors `B' [out, r]`, `A' [r, in]`; nil when the module has no intruder (keep
        /// its factors as they are).
        let factors: (b: Matrix, a: Matrix)?
        /// What was found and changed (the module name left empty for the caller).
        let record: ModuleMitigation
    }

    /// Mitigates the update `s·B·A` on `w0` (all in the layer's `[out, in]` layout).
    /// - Parameter baseDecomposition: the thin SVD of `w0` when already known (a cache); computed
    ///   when nil.
    func mitigate(
        base w0: Matrix, b: Matrix, a: Matrix, scale: Double, name: String,
        baseDecomposition: SingularValueDecomposition? = nil
    ) throws -> Outcome {
        let merged = MatrixComparisonAnalysis.merge(base: w0, b: b, a: a, scale: scale)
        let base =
            try baseDecomposition
            ?? AnalysisError.mappingLinearAlgebra { try SingularValueDecomposition.complete(of: w0, name: name) }
        let tuned = try AnalysisError.mappingLinearAlgebra { try SingularValueDecomposition(of: merged, name: name) }
        let k = min(topK, tuned.count)
        let cosines = SingularVectorComparison(base: base, tuned: tuned, side: .left, tunedCount: k).maxCosines(
            first: k)
        let intruders = cosines.indices.filter { Double(cosines[$0]) < epsilon }
        // The energy share of ΔW = s·B·A along the intruders' directions, from the factors.
        let share = IntruderEnergy.share(
            update: LowRankUpdate(b: b, a: a, scale: scale), tuned: tuned, indices: intruders, side: .left)
        let record = ModuleMitigation(
            module: "", baseName: nil, intruderIndices: intruders, singularValues: intruders.map { tuned.values[$0] },
            mitigatedSingularValues: intruders.map { Float(lambda) * tuned.values[$0] },
            intruderEnergyShare: share)
        guard !intruders.isEmpty else { return Outcome(factors: nil, record: record) }

        // Wm' − W0, divided by s: scale each intruder's rank-one part by λ.
        let (m, n) = (w0.rows, w0.columns)
        var mitigated = merged.values
        let (left, right) = (tuned.left, tuned.rightTransposed)
        for j in intruders {
            let factor = Float(lambda - 1) * tuned.values[j]
            for row in 0..<m {
                let u = factor * left[row, j]
                for column in 0..<n { mitigated[row * n + column] += u * right[j, column] }
            }
        }
        for index in mitigated.indices { mitigated[index] = (mitigated[index] - w0.values[index]) / Float(scale) }
        let update = try AnalysisError.mappingLinearAlgebra {
            try SingularValueDecomposition(of: Matrix(rows: m, columns: n, values: mitigated), name: name)
        }
        // Rank r as in the adapter (columns beyond min(out, in) stay zero).
        let r = b.columns
        var newB = Matrix(zeros: m, r)
        var newA = Matrix(zeros: r, n)
        let (updateLeft, updateRight) = (update.left, update.rightTransposed)
        for i in 0..<min(r, update.count) {
            let root = update.values[i].squareRoot()
            for row in 0..<m { newB[row, i] = updateLeft[row, i] * root }
            for column in 0..<n { newA[i, column] = root * updateRight[i, column] }
        }
        return Outcome(factors: (newB, newA), record: record)
    }
}
