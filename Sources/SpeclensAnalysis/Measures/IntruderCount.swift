import SpeclensDataset

/// Intruder dimensions (docs/method.md §1): fine-tuned singular vector j is an intruder when its
/// max |cos| against every pre-trained vector is strictly below ε.
struct IntruderCount: Equatable, Sendable {
    /// Ranks (0-based) of the fine-tuned vectors that are intruders at ε.
    let indices: [Int]
    /// Intruder counts at each ε of the grid.
    let byEpsilon: IntruderCounts

    /// Counts intruders among `maxCosines` (one per top fine-tuned vector) at `epsilon` and at
    /// each value of `grid`.
    init(maxCosines: [Float], epsilon: Double, grid: [Double]) {
        indices = maxCosines.indices.filter { Double(maxCosines[$0]) < epsilon }
        byEpsilon = IntruderCounts(maxCosines: maxCosines, grid: grid)
    }

    /// Number of intruders at ε.
    var count: Int { indices.count }
}
