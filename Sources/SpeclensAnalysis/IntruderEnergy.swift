import SpeclensCheckpoints
import SpeclensDataset

/// The share of an update's energy along intruder directions: `Σ_{j∈J} ‖u_jᵀ ΔW‖² / ‖ΔW‖²_F` for
/// left vectors u_j of Wt (or `Σ ‖ΔW v_j‖²` for right vectors), with ΔW row-major `[out, in]`.
enum IntruderEnergy {
    static func share(delta: [Float], rows m: Int, columns n: Int, tuned: SingularValueDecomposition,
                      indices: [Int], side: SingularVectorSide) -> Double {
        let total = delta.reduce(0.0) { $0 + Double($1) * Double($1) }
        guard total > 0, !indices.isEmpty else { return 0 }
        var along = 0.0
        for j in indices {
            switch side {
            case .left:
                for column in 0..<n {
                    var dot = 0.0
                    for row in 0..<m { dot += Double(tuned.left[row, j]) * Double(delta[row * n + column]) }
                    along += dot * dot
                }
            case .right:
                for row in 0..<m {
                    var dot = 0.0
                    for column in 0..<n { dot += Double(delta[row * n + column]) * Double(tuned.rightTransposed[j, column]) }
                    along += dot * dot
                }
            }
        }
        return along / total
    }
}
