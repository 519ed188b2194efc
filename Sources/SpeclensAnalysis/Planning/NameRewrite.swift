import SpeclensCheckpoints

/// A rename of tuned-side tensor names before they are matched with base names:
/// `FROM=TO`, FROM a regex (NSRegularExpression syntax), TO a replacement template (`$1` for the
/// first capture group). Every match in the name is replaced.
public struct NameRewrite: Sendable {
    /// The spec as given, `FROM=TO`.
    let spec: String
    /// The regex.
    public let from: String
    /// The template.
    public let to: String
    private let expression: CompiledPattern

    /// Parses `FROM=TO`, split at the LAST `=` (so FROM may hold lookarounds such as `(?<=x)`;
    /// TO cannot contain `=`).
    /// - Throws: ``AnalysisError/invalidPattern(pattern:reason:)`` for a missing `=`, an empty
    ///   FROM or a bad regex.
    public init(_ spec: String) throws {
        guard let equals = spec.lastIndex(of: "="), equals != spec.startIndex else {
            throw AnalysisError.invalidPattern(
                pattern: spec, reason: "expected FROM=TO (FROM a regex, TO a template with $1)")
        }
        self.spec = spec
        self.from = String(spec[..<equals])
        self.to = String(spec[spec.index(after: equals)...])
        self.expression = try AnalysisError.compile(from)
    }

    /// `name` with every match of FROM replaced by TO.
    public func apply(_ name: String) -> String { expression.replacing(in: name, template: to) }
}
