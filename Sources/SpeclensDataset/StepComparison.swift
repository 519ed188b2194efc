/// For step k ≥ 2 of a stack: step k's merged weights compared with step k − 1's instead of the
/// base's (`runs[].against_previous_step`). Every measure of ``MatrixComparison`` with the
/// previous step's merged weights W_{k−1} as the reference: the max |cos| of step k's top vectors
/// against all of W_{k−1}'s singular vectors (intruders that this step added), the effective rank
/// and norms of the step's own update W_k − W_{k−1}, and the relative change against
/// ‖W_{k−1}‖_F. No null controls are drawn for it.
public struct StepComparison: Codable, Equatable, Sendable {
    /// The id of the previous step's run (step k − 1), in the same dataset.
    public var previous: RunID
    /// Totals over ``matrices``, as a run's summary (at the analysis ε and each ε of the grid).
    public var summary: RunSummary
    /// One comparison per matrix of the step's run, in the same order as its `matrices`.
    public var matrices: [MatrixComparison]

    public init(previous: RunID, summary: RunSummary, matrices: [MatrixComparison]) {
        self.previous = previous
        self.summary = summary
        self.matrices = matrices
    }

    /// The comparison of `matrices` with the previous step `previous`, totalled at `epsilon` and
    /// on `epsilonGrid`.
    public init(previous: RunID, matrices: [MatrixComparison], epsilon: Double, epsilonGrid: [Double]) {
        self.init(
            previous: previous, summary: RunSummary(matrices: matrices, epsilon: epsilon, epsilonGrid: epsilonGrid),
            matrices: matrices)
    }

    /// Intruders against the previous step at `epsilon`, summed over matrices, from the stored
    /// max |cos| (strict `<`).
    public func intruders(atEpsilon epsilon: Double) -> Int {
        matrices.reduce(0) { $0 + $1.intruders(atEpsilon: epsilon) }
    }

    /// The comparison as read at `epsilon`: each matrix's intruders and their indices, and the
    /// summary's intruders, recomputed from the stored max |cos|.
    public func reading(atEpsilon epsilon: Double) -> StepComparison {
        var read = self
        MatrixComparison.read(&read.matrices, summary: &read.summary, atEpsilon: epsilon)
        return read
    }
}
