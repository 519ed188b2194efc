import Foundation

/// A compiled NSRegularExpression. The expression object is immutable after creation and
/// documented as safe to use from several threads, hence `@unchecked Sendable`.
struct CompiledPattern: @unchecked Sendable {
    /// The pattern as given.
    let pattern: String
    private let expression: NSRegularExpression

    /// Compiles `pattern`.
    /// - Throws: ``CheckpointError/invalidPattern(pattern:reason:)``.
    init(_ pattern: String) throws {
        self.pattern = pattern
        do {
            expression = try NSRegularExpression(pattern: pattern)
        } catch {
            throw CheckpointError.invalidPattern(pattern: pattern, reason: "not a valid regular expression")
        }
    }

    /// Whether the pattern matches anywhere in `text`.
    func matches(_ text: String) -> Bool {
        expression.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) != nil
    }
}
