/// The range of ε shown on the x-axis of the intruders-versus-ε chart, e.g. 0.3 to 1 to leave out
/// the flat start of the curve. Grid points outside it are not drawn (the CSV keeps them all).
public struct EpsilonRange: Sendable, Equatable {
    public let lower: Double
    public let upper: Double

    /// The range `lower` to `upper`, with 0 ≤ lower < upper ≤ 1.
    /// - Throws: `ReportError.invalidEpsilonRange`.
    public init(lower: Double, upper: Double) throws {
        guard lower.isFinite, upper.isFinite, lower >= 0, upper <= 1, lower < upper else {
            throw ReportError.invalidEpsilonRange(
                "\(NumberFormat.epsilon(lower)):\(NumberFormat.epsilon(upper))",
                reason: "need 0 ≤ LOW < HIGH ≤ 1")
        }
        self.lower = lower
        self.upper = upper
    }

    /// Reads `LOW:HIGH`, e.g. `0.3:1`.
    /// - Throws: `ReportError.invalidEpsilonRange`.
    public static func parse(_ text: String) throws -> EpsilonRange {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, let lower = Double(parts[0]), let upper = Double(parts[1]) else {
            throw ReportError.invalidEpsilonRange(text, reason: "give LOW:HIGH, e.g. 0.3:1")
        }
        return try EpsilonRange(lower: lower, upper: upper)
    }

    /// Whether `value` is inside the range (bounds included, with a rounding tolerance).
    func contains(_ value: Double) -> Bool {
        value >= lower - 1e-9 && value <= upper + 1e-9
    }
}
