import SpeclensCheckpoints
import SpeclensDataset
import SpeclensLinearAlgebra

/// Runs the random-direction experiment (``ProbeRecord``) on base matrices: for each λ of
/// ``lambdas``, `W' = W + λ·σ_max·u·vᵀ` with u, v random unit vectors seeded from the matrix name,
/// compared with W exactly as a fine-tune is (top k, ε, side of the parameters).
struct RandomDirectionProbe: Sendable {
    /// λ in units of σ_max(W).
    static let lambdas: [Double] = [0.05, 0.1, 0.25, 0.5, 0.75, 1, 1.5, 2, 3, 4]

    let parameters: AnalysisParameters

    /// Probes `w0` (analysis orientation) named `name`.
    func probe(name: String, w0: Matrix, decomposition base: SingularValueDecomposition) throws -> ProbeMatrix {
        let (m, n) = (w0.rows, w0.columns)
        var random = SeededRandom(seed: NullControlPlan(run: "probe", matrix: name, lowRank: nil).seed)
        let u = random.unitVector(m)
        let v = random.unitVector(n)
        let sigma = Double(base.values.first ?? 0)
        let k = min(parameters.topK, base.count)
        let direction = parameters.singularVectors == .left ? u : v
        var intruders: [Int] = []
        var cosines: [Float] = []
        var ranks: [Int] = []
        for lambda in Self.lambdas {
            var values = w0.values
            let size = lambda * sigma
            for row in 0..<m { for column in 0..<n { values[row * n + column] += Float(size * u[row] * v[column]) } }
            let tuned = try AnalysisError.mappingLinearAlgebra {
                try SingularValueDecomposition(of: Matrix(rows: m, columns: n, values: values), name: name)
            }
            let maxCosines = SingularVectorComparison(
                base: base, tuned: tuned, side: parameters.singularVectors, tunedCount: k
            )
            .maxCosines(first: k)
            intruders.append(maxCosines.filter { Double($0) < parameters.epsilon }.count)
            // The top-k vector most aligned with the added direction.
            var best = 0
            var bestDot = -1.0
            let (tunedLeft, tunedRight) = (tuned.left, tuned.rightTransposed)
            for j in 0..<min(k, tuned.count) {
                var dot = 0.0
                for i in direction.indices {
                    let t = parameters.singularVectors == .left ? tunedLeft[i, j] : tunedRight[j, i]
                    dot += Double(t) * direction[i]
                }
                if abs(dot) > bestDot { (best, bestDot) = (j, abs(dot)) }
            }
            cosines.append(maxCosines.isEmpty ? 1 : maxCosines[best])
            ranks.append(best)
        }
        return ProbeMatrix(
            name: name, largestSingularValue: sigma, intruders: intruders, newVectorMaxCosine: cosines,
            newVectorRank: ranks)
    }
}
