/// How to draw one run's null controls for one matrix: the seed, and the LoRA rank of the
/// low-rank control (nil: isotropic only).
struct NullControlPlan: Sendable, Equatable {
    /// Seed of the random updates.
    let seed: UInt64
    /// Rank r of the low-rank control, for LoRA runs.
    let lowRank: Int?

    init(seed: UInt64, lowRank: Int?) {
        self.seed = seed
        self.lowRank = lowRank
    }

    /// A plan seeded from the run id and the matrix name (FNV-1a of both), so that every
    /// analysis, shard and worker draws the same controls.
    init(run: String, matrix: String, lowRank: Int?) {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in Array(run.utf8) + [0] + Array(matrix.utf8) {
            hash ^= UInt64(byte)
            hash &*= 0x0000_0100_0000_01B3
        }
        self.init(seed: hash, lowRank: lowRank)
    }
}
