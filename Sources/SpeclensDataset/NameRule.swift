/// The rule that found a tuned-side name's base counterpart, read as the change that turns the
/// tuned name into the base name.
public enum NameRule: Sendable, Hashable {
    /// The names are equal.
    case exact
    /// The tuned name carries an extra leading component, e.g. `bert.` (tuned `bert.x.weight` ↔
    /// base `x.weight`); the associated value is that component with its dot.
    case removedPrefix(String)
    /// The base name carries an extra leading component, e.g. `model.`.
    case addedPrefix(String)

    /// `exact`, `removed prefix "bert."` or `added prefix "model."`.
    public var text: String {
        switch self {
        case .exact: return "exact"
        case .removedPrefix(let prefix): return "removed prefix \"\(prefix)\""
        case .addedPrefix(let prefix): return "added prefix \"\(prefix)\""
        }
    }

    /// Reads ``text`` back; nil for anything else.
    public init?(text: String) {
        if text == "exact" {
            self = .exact
        } else if let prefix = Self.quoted(text, after: "removed prefix ") {
            self = .removedPrefix(prefix)
        } else if let prefix = Self.quoted(text, after: "added prefix ") {
            self = .addedPrefix(prefix)
        } else {
            return nil
        }
    }

    private static func quoted(_ text: String, after lead: String) -> String? {
        guard text.hasPrefix(lead + "\""), text.hasSuffix("\""), text.count >= lead.count + 2 else { return nil }
        return String(text.dropFirst(lead.count + 1).dropLast())
    }
}
