import SpeclensCheckpoints
import SpeclensDataset
import SpeclensLinearAlgebra

/// Null controls (docs/method.md §1.5): W0 plus a random update with the run's ‖ΔW‖_F, measured
/// exactly as the run is (``VectorMeasures``), so that a reader can tell what chance alone gives
/// on this matrix. The isotropic control is Gaussian noise (full rank); the low-rank control,
/// for LoRA runs, is `B·A` with Gaussian factors of the run's rank r. Both are scaled to ‖ΔW‖_F.
struct NullControlAnalysis {
    let parameters: AnalysisParameters

    /// The controls of one run for matrix `name` (W0 in analysis orientation, with its
    /// decomposition), for an update of Frobenius norm `norm`.
    func controls(
        name: String, base w0: Matrix, decomposition: SingularValueDecomposition, norm: Double,
        plan: NullControlPlan, wholeSpectrum: Bool = true
    ) throws -> [NullControl] {
        let (m, n) = (w0.rows, w0.columns)
        var random = SeededRandom(seed: plan.seed)
        let noise = random.gaussians(m * n)
        let noiseNorm = MatrixComparisonAnalysis.frobenius(noise)
        let noiseScale = noiseNorm > 0 ? Float(norm / noiseNorm) : 0
        var isotropic = w0.values
        for index in isotropic.indices { isotropic[index] += noiseScale * noise[index] }
        var result = [
            try control(
                .isotropic, rank: min(m, n), tuned: Matrix(rows: m, columns: n, values: isotropic), update: nil,
                w0: w0, base: decomposition, name: name, wholeSpectrum: wholeSpectrum, seed: plan.seed ^ 1)
        ]
        if let r = plan.lowRank, r > 0 {
            let b = Matrix(rows: m, columns: r, values: random.gaussians(m * r))
            let a = Matrix(rows: r, columns: n, values: random.gaussians(r * n))
            let factorNorm = LowRankUpdate(b: b, a: a, scale: 1).squaredFactorNorm.squareRoot()
            let update = LowRankUpdate(b: b, a: a, scale: factorNorm > 0 ? norm / factorNorm : 0)
            result.append(
                try control(
                    .lowRank, rank: min(r, m, n),
                    tuned: MatrixComparisonAnalysis.merge(base: w0, b: b, a: a, scale: update.scale),
                    update: update, w0: w0, base: decomposition, name: name, wholeSpectrum: wholeSpectrum,
                    seed: plan.seed ^ 2))
        }
        return result
    }

    /// Measures a control's fine-tuned matrix `tuned` (W0 plus the random update), decomposed as a
    /// run's Wt is (``TunedDecomposer``; `seed` seeds its starting block; `update`, for the
    /// low-rank control, lets it form the Gram matrix from the factors).
    private func control(
        _ kind: NullControlKind, rank: Int, tuned wt: Matrix, update: LowRankUpdate?, w0: Matrix,
        base decomposition: SingularValueDecomposition, name: String, wholeSpectrum: Bool, seed: UInt64
    ) throws -> NullControl {
        let tuned = try TunedDecomposer(parameters: parameters).decompose(
            wt, base: decomposition, w0: w0, wholeSpectrum: wholeSpectrum, seed: seed, name: name, topOnly: true,
            update: update)
        let measures = VectorMeasures(base: decomposition, tuned: tuned.decomposition, parameters: parameters)
        return NullControl(
            kind: kind, rank: rank, maxCosineTopK: measures.maxCosines,
            intrudersByEpsilon: measures.intruders.byEpsilon, spectrumIntruderFractions: measures.spectrumFractions,
            decomposition: tuned.path)
    }
}
