/// How a run's fine-tuned matrix was paired with a base matrix. Written in the dataset
/// (`matched_by`) as one readable string:
///
/// | value | string |
/// |---|---|
/// | ``name(_:rewrites:savedModule:)`` | `exact`, `removed prefix "bert."`, `added prefix "model."`; preceded by `rewritten by "FROM=TO", ` for each name rewrite that changed the tuned name, and by `modules_to_save, ` for an adapter's saved copy of a module |
/// | ``notAdapted`` | `not adapted (unchanged)`: a LoRA run that leaves the base matrix as it is |
public enum MatchedBy: Sendable, Hashable, Codable, CustomStringConvertible {
    /// Paired by name.
    /// - Parameters:
    ///   - rule: the naming rule that matched.
    ///   - rewrites: the `FROM=TO` name rewrites that changed the tuned name before matching, in
    ///     the order applied.
    ///   - savedModule: whether the tuned matrix is a PEFT `modules_to_save` copy.
    case name(NameRule, rewrites: [String] = [], savedModule: Bool = false)
    /// A LoRA run that does not adapt the matrix: compared as unchanged.
    case notAdapted

    static let notAdaptedText = "not adapted (unchanged)"
    static let savedModuleLead = "modules_to_save, "
    static let rewriteLead = "rewritten by \""

    /// The dataset's string (see the type description).
    public var description: String {
        switch self {
        case .notAdapted:
            return Self.notAdaptedText
        case .name(let rule, let rewrites, let savedModule):
            return (savedModule ? Self.savedModuleLead : "")
                + rewrites.map { Self.rewriteLead + $0 + "\", " }.joined() + rule.text
        }
    }

    /// Reads the dataset's string; nil when it is not one speclens writes.
    public init?(text: String) {
        if text == Self.notAdaptedText {
            self = .notAdapted
            return
        }
        var rest = Substring(text)
        let savedModule = rest.hasPrefix(Self.savedModuleLead)
        if savedModule { rest = rest.dropFirst(Self.savedModuleLead.count) }
        var rewrites: [String] = []
        while rest.hasPrefix(Self.rewriteLead) {
            let body = rest.dropFirst(Self.rewriteLead.count)
            // A rewrite ends at the first `", ` followed by another rewrite or by the rule.
            var search = body.startIndex
            var cut: Range<Substring.Index>?
            while let candidate = body.range(of: "\", ", range: search..<body.endIndex) {
                let after = body[candidate.upperBound...]
                if after.hasPrefix(Self.rewriteLead) || NameRule(text: String(after)) != nil {
                    cut = candidate
                    break
                }
                search = candidate.upperBound
            }
            guard let cut else { return nil }
            rewrites.append(String(body[..<cut.lowerBound]))
            rest = body[cut.upperBound...]
        }
        guard let rule = NameRule(text: String(rest)) else { return nil }
        self = .name(rule, rewrites: rewrites, savedModule: savedModule)
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let value = MatchedBy(text: text) else {
            throw DecodingError.dataCorruptedError(
                in: container, debugDescription: "unknown matched_by value \"\(text)\"")
        }
        self = value
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}
