/// How a full fine-tune's sampled matrices relate to the base's (``RelatednessCheck``).
public struct RelatednessEvidence: Sendable, Equatable {
    /// Matrices measured.
    public let matrices: Int
    /// Median over them of the relative change `‖Wt − W0‖_F / ‖W0‖_F`.
    let medianRelativeChange: Double
    /// Median over them of the norm of the projection of Wt's top left singular vector onto the
    /// span of W0's top ``RelatednessCheck/baseVectors`` left singular vectors: 1 when the top
    /// direction is kept, about `√(4/out)` for unrelated matrices (the random baseline).
    let medianTopAlignment: Double
    /// Median over them of that random baseline, `√(baseVectors / out)`.
    let medianRandomBaseline: Double

    /// Whether the evidence says the run does not descend from the base: its median relative
    /// change is above ``RelatednessCheck/relativeChangeLimit`` and its median alignment below
    /// ``RelatednessCheck/alignmentLimit``.
    public var unrelated: Bool {
        matrices > 0 && medianRelativeChange > RelatednessCheck.relativeChangeLimit
            && medianTopAlignment < RelatednessCheck.alignmentLimit
    }

    /// The evidence in words.
    public var text: String {
        func format(_ value: Double) -> String { String(Int((value * 1000).rounded())).paddedFraction }
        return
            "over \(matrices) sampled matrices the median relative change ‖Wt − W0‖/‖W0‖ is \(format(medianRelativeChange)) "
            + "(fine-tuning moves weights far less; unrelated weights of the same scale give about 1.41), and the top "
            + "fine-tuned direction keeps a median \(format(medianTopAlignment)) of its length in the base's top "
            + "\(RelatednessCheck.baseVectors) directions (a random direction: \(format(medianRandomBaseline)); a fine-tune keeps nearly all of it)"
    }
}

extension String {
    /// Thousandths as a decimal with three places ("1412" → "1.412").
    fileprivate var paddedFraction: String {
        let digits = String(repeating: "0", count: max(0, 4 - count)) + self
        return digits.dropLast(3) + "." + digits.suffix(3)
    }
}
