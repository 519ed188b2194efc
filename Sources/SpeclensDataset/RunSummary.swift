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
}
