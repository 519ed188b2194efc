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

    /// Whether the pattern matches the whole of `text`.
    func matchesWhole(_ text: String) -> Bool {
        let range = NSRange(text.startIndex..., in: text)
        guard let match = expression.firstMatch(in: text, options: [.anchored], range: range) else { return false }
        return match.range == range
    }

    /// `text` with every match replaced by `template` (`$1` for capture groups).
    func replacing(in text: String, template: String) -> String {
        expression.stringByReplacingMatches(in: text, range: NSRange(text.startIndex..., in: text), withTemplate: template)
    }
}
