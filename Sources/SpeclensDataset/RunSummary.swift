/// Totals over a run's analysed matrices.
public struct RunSummary: Codable, Equatable, Sendable {
    /// Number of matrix pairs compared.
    public var analysedMatrices: Int
    /// Number of those whose ΔW is exactly zero.
    public var unchangedMatrices: Int
    /// Intruders at the run's ε, summed over matrices.
    public var intruders: Int
    /// Intruders summed over matrices at each ε of the grid (written keyed by `EpsilonKey`, `"0.50"`).
    public var intrudersByEpsilon: IntruderCounts
    /// Mean effective rank of ΔW over changed matrices; nil when no matrix changed.
    public var meanEffectiveRank: Double?
    /// Changed matrices flagged ``MatrixComparison/nearStorageResolution``.
    public var nearStorageResolutionMatrices: Int?
    /// True when most (more than half) of the changed matrices are near storage resolution: the
    /// run's effective ranks depend on the rounding floor of its storage format.
    public var nearStorageResolution: Bool?
    /// Of the intruders at the run's ε, those that have left the pre-trained span
    /// (``MatrixComparison/leavesSpan(_:)``).
    public var intrudersOutsideSpan: Int?
    /// The null controls summed over the matrices that have them, one per kind.
    public var controls: [ControlSummary]?

    public init(
        analysedMatrices: Int, unchangedMatrices: Int, intruders: Int,
        intrudersByEpsilon: IntruderCounts, meanEffectiveRank: Double?,
        nearStorageResolutionMatrices: Int? = nil, nearStorageResolution: Bool? = nil,
        intrudersOutsideSpan: Int? = nil, controls: [ControlSummary]? = nil
    ) {
        self.nearStorageResolutionMatrices = nearStorageResolutionMatrices
        self.nearStorageResolution = nearStorageResolution
        self.intrudersOutsideSpan = intrudersOutsideSpan
        self.controls = controls
        self.analysedMatrices = analysedMatrices
        self.unchangedMatrices = unchangedMatrices
        self.intruders = intruders
        self.intrudersByEpsilon = intrudersByEpsilon
        self.meanEffectiveRank = meanEffectiveRank
    }

    /// The totals of `matrices`, with intruder counts at `epsilon` and at each ε of `epsilonGrid`.
    public init(matrices: [MatrixComparison], epsilon: Double, epsilonGrid: [Double]) {
        func sum(_ counts: [IntruderCounts]) -> IntruderCounts {
            IntruderCounts.sum(counts, grid: epsilonGrid)
        }
        let ranks = matrices.compactMap(\.effectiveRank)
        let changed = matrices.filter(\.changed)
        let near = changed.filter { $0.nearStorageResolution == true }.count
        var controls: [ControlSummary] = []
        for kind in NullControlKind.allCases {
            let pairs = matrices.compactMap { matrix in
                matrix.nullControls?.first { $0.kind == kind }.map { (matrix, $0) }
            }
            guard !pairs.isEmpty else { continue }
            controls.append(
                ControlSummary(
                    kind: kind, matrices: pairs.count, intrudersByEpsilon: sum(pairs.map(\.1.intrudersByEpsilon)),
                    runIntrudersByEpsilon: sum(pairs.map(\.0.intrudersByEpsilon))))
        }
        self.init(
            analysedMatrices: matrices.count,
            unchangedMatrices: matrices.count - changed.count,
            intruders: matrices.reduce(0) { $0 + $1.intruders },
            intrudersByEpsilon: sum(matrices.map(\.intrudersByEpsilon)),
            meanEffectiveRank: ranks.isEmpty ? nil : ranks.reduce(0, +) / Double(ranks.count),
            nearStorageResolutionMatrices: near,
            nearStorageResolution: !changed.isEmpty && 2 * near > changed.count,
            intrudersOutsideSpan: matrices.reduce(0) { $0 + $1.intrudersOutsideSpan(epsilon: epsilon) },
            controls: controls)
    }
}
