/// The value of a run tag from an experiment manifest (`rank: 8`, `task: news`,
/// `trained: B-only`): a number, a flag or text. Written in JSON as that scalar.
public enum TagValue: Codable, Sendable, Hashable, CustomStringConvertible {
    case number(Double)
    case flag(Bool)
    case text(String)

    /// The number, when the tag is one (for figures with a tag on an axis).
    public var number: Double? {
        if case .number(let value) = self { return value }
        return nil
    }

    /// The value as a reader sees it: `8`, `0.25`, `true`, `news`.
    public var description: String {
        switch self {
        case .number(let value):
            return value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : "\(value)"
        case .flag(let value): return value ? "true" : "false"
        case .text(let value): return value
        }
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let flag = try? container.decode(Bool.self) {
            self = .flag(flag)
        } else if let number = try? container.decode(Double.self) {
            self = .number(number)
        } else {
            self = .text(try container.decode(String.self))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .number(let value): try container.encode(value)
        case .flag(let value): try container.encode(value)
        case .text(let value): try container.encode(value)
        }
    }
}
