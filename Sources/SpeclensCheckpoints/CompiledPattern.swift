import Foundation

/// A compiled regular expression (NSRegularExpression/ICU syntax). The expression object is
/// immutable after creation and documented as safe to use from several threads, hence
/// `@unchecked Sendable`.
public struct CompiledPattern: @unchecked Sendable {
    /// The pattern as given.
    public let pattern: String
    private let expression: NSRegularExpression

    /// Compiles `pattern`; nil when it is not a valid regular expression (callers report that in
    /// their own error type, naming where the pattern came from).
    public init?(_ pattern: String) {
        guard let expression = try? NSRegularExpression(pattern: pattern) else { return nil }
        self.pattern = pattern
        self.expression = expression
    }

    /// Whether the pattern matches anywhere in `text`.
    public func matches(_ text: String) -> Bool {
        expression.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) != nil
    }

    /// Whether the pattern matches the whole of `text`.
    public func matchesWhole(_ text: String) -> Bool {
        let range = NSRange(text.startIndex..., in: text)
        guard let match = expression.firstMatch(in: text, options: [.anchored], range: range) else { return false }
        return match.range == range
    }

    /// `text` with every match replaced by `template` (`$1` for capture groups).
    public func replacing(in text: String, template: String) -> String {
        expression.stringByReplacingMatches(
            in: text, range: NSRange(text.startIndex..., in: text), withTemplate: template)
    }
}
