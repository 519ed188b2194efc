/// The same measures as a run's, for W0 plus a random update of the same Frobenius norm as the
/// run's ΔW: what chance alone gives on this matrix (a null control). Seeded from the run id and
/// the matrix name, so it is the same in every analysis.
public struct NullControl: Codable, Equatable, Sendable {
    /// Which random update.
    public var kind: NullControlKind
    /// Rank of the random update: `min(out, in)` for isotropic noise, r for a low-rank control.
    public var rank: Int
    /// As ``MatrixComparison/maxCosineTopK``, for W0 + random update.
    public var maxCosineTopK: [Float]
    /// Intruder counts at each ε of the grid (written keyed by `EpsilonKey`, `"0.50"`).
    public var intrudersByEpsilon: IntruderCounts
    /// As ``MatrixComparison/spectrumIntruderFractions``; nil when not computed.
    public var spectrumIntruderFractions: [Double]?
    /// Which computation gave the control's singular vectors; nil in older datasets (exact).
    public var decomposition: DecompositionPath?

    /// Intruders of the control at `epsilon` (its max |cos| `< epsilon`, strict, as for a run),
    /// from the stored max |cos|, so it holds at an ε off the grid too.
    public func intruders(atEpsilon epsilon: Double) -> Int {
        maxCosineTopK.reduce(0) { $0 + (Double($1) < epsilon ? 1 : 0) }
    }

    public init(
        kind: NullControlKind, rank: Int, maxCosineTopK: [Float], intrudersByEpsilon: IntruderCounts,
        spectrumIntruderFractions: [Double]?, decomposition: DecompositionPath? = nil
    ) {
        self.decomposition = decomposition
        self.kind = kind
        self.rank = rank
        self.maxCosineTopK = maxCosineTopK
        self.intrudersByEpsilon = intrudersByEpsilon
        self.spectrumIntruderFractions = spectrumIntruderFractions
    }
}

/// The random update of a null control.
public enum NullControlKind: String, Codable, Sendable, Hashable, CaseIterable {
    /// Isotropic Gaussian noise (full rank) scaled to ‖ΔW‖_F.
    case isotropic
    /// A product of two Gaussian factors of the run's LoRA rank r, scaled to ‖ΔW‖_F.
    case lowRank = "low_rank"
}
