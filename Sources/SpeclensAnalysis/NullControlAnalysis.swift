import CLapacke
import SpeclensCheckpoints
import SpeclensDataset

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
        var result = [try control(
            .isotropic, rank: min(m, n), update: random.gaussians(m * n), factors: nil, norm: norm, base: w0,
            decomposition: decomposition, name: name, wholeSpectrum: wholeSpectrum, seed: plan.seed ^ 1)]
        if let r = plan.lowRank, r > 0 {
            let b = random.gaussians(m * r), a = random.gaussians(r * n)
            var product = [Float](repeating: 0, count: m * n)
            cblas_sgemm(
                CblasRowMajor, CblasNoTrans, CblasNoTrans, Int32(m), Int32(n), Int32(r), 1, b, Int32(r),
                a, Int32(n), 0, &product, Int32(n))
            result.append(try control(
                .lowRank, rank: min(r, m, n), update: product,
                factors: (Matrix(rows: m, columns: r, values: b), Matrix(rows: r, columns: n, values: a)), norm: norm, base: w0,
                decomposition: decomposition, name: name, wholeSpectrum: wholeSpectrum, seed: plan.seed ^ 2))
        }
        return result
    }

    /// Measures W0 + `update` scaled to Frobenius norm `norm`, decomposed as a run's Wt is
    /// (``TunedDecomposer``; `seed` seeds its starting block). `factors` are B and A of a
    /// low-rank `update = B·A`, for the decomposer's low-rank path.
    private func control(
        _ kind: NullControlKind, rank: Int, update: [Float], factors: (b: Matrix, a: Matrix)?, norm: Double,
        base w0: Matrix,
        decomposition: SingularValueDecomposition, name: String, wholeSpectrum: Bool, seed: UInt64
    ) throws -> NullControl {
        let size = MatrixComparisonAnalysis.frobenius(update)
        let scale = size > 0 ? Float(norm / size) : 0
        var values = w0.values
        for index in values.indices { values[index] += scale * update[index] }
        let tuned = try TunedDecomposer(parameters: parameters).decompose(
            Matrix(rows: w0.rows, columns: w0.columns, values: values), base: decomposition,
            wholeSpectrum: wholeSpectrum, seed: seed, name: name, topOnly: true,
            update: factors.map { LowRankUpdate(b: $0.b, a: $0.a, scale: Double(scale)) })
        let measures = VectorMeasures(base: decomposition, tuned: tuned.decomposition, parameters: parameters)
        return NullControl(
            kind: kind, rank: rank, maxCosineTopK: measures.maxCosines,
            intrudersByEpsilon: measures.intruders.byEpsilon, spectrumIntruderFractions: measures.spectrumFractions,
            decomposition: tuned.path)
    }
}
