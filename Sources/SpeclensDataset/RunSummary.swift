/// Totals over a run's analysed matrices.
public struct RunSummary: Codable, Equatable, Sendable {
    /// Number of matrix pairs compared.
    public var analysedMatrices: Int
    /// Number of those whose ΔW is exactly zero.
    public var unchangedMatrices: Int
    /// Intruders at the run's ε, summed over matrices.
    public var intruders: Int
    /// Intruders summed over matrices at each ε of the grid, keyed by `EpsilonKey` (`"0.50"`).
    public var intrudersByEpsilon: [String: Int]
    /// Mean effective rank of ΔW over changed matrices; nil when no matrix changed.
    public var meanEffectiveRank: Double?

    public init(
        analysedMatrices: Int, unchangedMatrices: Int, intruders: Int,
        intrudersByEpsilon: [String: Int], meanEffectiveRank: Double?
    ) {
        self.analysedMatrices = analysedMatrices
        self.unchangedMatrices = unchangedMatrices
        self.intruders = intruders
        self.intrudersByEpsilon = intrudersByEpsilon
        self.meanEffectiveRank = meanEffectiveRank
    }

    /// The totals of `matrices`, with intruder counts at each ε of `epsilonGrid`.
    public init(matrices: [MatrixComparison], epsilonGrid: [Double]) {
        var byEpsilon: [String: Int] = [:]
        for epsilon in epsilonGrid {
            let key = EpsilonKey.string(epsilon)
            byEpsilon[key] = matrices.reduce(0) { $0 + ($1.intrudersByEpsilon[key] ?? 0) }
        }
        let ranks = matrices.compactMap(\.effectiveRank)
        self.init(
            analysedMatrices: matrices.count,
            unchangedMatrices: matrices.filter { !$0.changed }.count,
            intruders: matrices.reduce(0) { $0 + $1.intruders },
            intrudersByEpsilon: byEpsilon,
            meanEffectiveRank: ranks.isEmpty ? nil : ranks.reduce(0, +) / Double(ranks.count))
    }
}
