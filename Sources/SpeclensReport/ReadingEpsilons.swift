import Foundation

/// The thresholds ε a report is read at, chosen when rendering: every count, table, highlight and
/// the single file's choice of matrices are recomputed at the first one ("the ε in force") from
/// the dataset's stored max |cos| (strict `<`); the others are shown next to it (the runs table,
/// matrix pages, the ε chart's markers). Each is in (0, 1].
public struct ReadingEpsilons: Sendable, Equatable {
    /// The thresholds in the order given; never empty, no repeats.
    public let values: [Double]

    /// The ε in force: the first value.
    public var inForce: Double { values[0] }

    /// The list `values` (repeats after the first occurrence dropped).
    /// - Throws: `ReportError.invalidEpsilon` when it is empty or a value is outside (0, 1].
    public init(_ values: [Double]) throws {
        guard !values.isEmpty else { throw ReportError.invalidEpsilon("", reason: "no value given") }
        var kept: [Double] = []
        for value in values {
            guard value.isFinite, value > 0, value <= 1 else {
                throw ReportError.invalidEpsilon(NumberFormat.epsilon(value), reason: "ε must be in (0, 1]")
            }
            if !kept.contains(value) { kept.append(value) }
        }
        self.values = kept
    }

    /// Reads a comma-separated list such as `0.5,0.7,0.9` (spaces allowed around values).
    /// - Throws: `ReportError.invalidEpsilon` naming the value that is not a number or is out of range.
    public static func parse(_ text: String) throws -> ReadingEpsilons {
        let parts = text.split(separator: ",", omittingEmptySubsequences: false)
            .map { $0.trimmingCharacters(in: .whitespaces) }
        var values: [Double] = []
        for part in parts {
            guard let value = Double(part), value.isFinite else {
                throw ReportError.invalidEpsilon(part, reason: "not a number (give values such as 0.5,0.7,0.9)")
            }
            values.append(value)
        }
        return try ReadingEpsilons(values)
    }
}
