extension MatrixComparison {
    /// The share of a unit vector's squared norm that must lie outside the pre-trained span for
    /// it to count as having left the span: more than half (`spanFraction² < 1/2`).
    public static let outsideSpanThreshold: Float = 0.5

    /// Whether top-k fine-tuned vector `index` has left the pre-trained span: more than half of
    /// its squared norm lies outside it. Always false when the span is the whole space.
    public func leavesSpan(_ index: Int) -> Bool {
        guard let fractions = spanFractionTopK, index < fractions.count else { return false }
        return fractions[index] * fractions[index] < Self.outsideSpanThreshold
    }

    /// Intruders at `epsilon` (max |cos| `< epsilon`, strict) that have left the pre-trained span.
    public func intrudersOutsideSpan(epsilon: Double) -> Int {
        maxCosineTopK.indices.filter { Double(maxCosineTopK[$0]) < epsilon && leavesSpan($0) }.count
    }
}
