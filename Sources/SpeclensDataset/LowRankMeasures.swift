/// How a low-rank update `ΔW = s·B·A` sits relative to W0 (docs/method.md §10): measured for LoRA
/// updates only, where the factors give them exactly and cheaply.
public struct LowRankMeasures: Codable, Equatable, Sendable {
    /// r: the update's rank (the adapter's, or the sum of a stack's).
    public var rank: Int
    /// Cosines of the principal angles between the row space of A and the span of W0's top-r
    /// right singular vectors (descending; 1 = aligned). The paper's random-A and B-only
    /// experiments are about this alignment.
    public var aRowSpaceCosines: [Float]
    /// Cosines of the principal angles between the column space of B and the span of W0's top-r
    /// left singular vectors (descending).
    public var bColumnSpaceCosines: [Float]
    /// Hu et al. (2021, §7): `‖U_ΔWᵀ U_W0‖²_F / r` over the top-r left singular vectors of ΔW and
    /// of W0 (1: the same subspace; about r/out for unrelated ones).
    public var subspaceSimilarity: Double
    /// Hu et al. (2021, §7.3): `‖ΔW‖_F / ‖U_rᵀ W0 V_r‖_F` with U_r, V_r the top-r singular vectors
    /// of ΔW: how much the update amplifies directions W0 barely uses.
    public var amplification: Double?

    public init(
        rank: Int, aRowSpaceCosines: [Float], bColumnSpaceCosines: [Float], subspaceSimilarity: Double,
        amplification: Double?
    ) {
        self.rank = rank
        self.aRowSpaceCosines = aRowSpaceCosines
        self.bColumnSpaceCosines = bColumnSpaceCosines
        self.subspaceSimilarity = subspaceSimilarity
        self.amplification = amplification
    }
}
