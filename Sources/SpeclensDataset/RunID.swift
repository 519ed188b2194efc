/// A run's identity in a dataset: short, unique, stable across the stages (pages, chart files and
/// anchors are named from it). Written in JSON as a plain string.
public struct RunID: RawRepresentable, Codable, Sendable, Hashable, Comparable, CustomStringConvertible,
    CodingKeyRepresentable, ExpressibleByStringLiteral
{
    /// The id as written in the dataset, e.g. `lora-r8-a16`.
    public let rawValue: String

    public init(rawValue: String) { self.rawValue = rawValue }
    public init(_ rawValue: String) { self.rawValue = rawValue }
    public init(stringLiteral value: String) { self.rawValue = value }

    public init(from decoder: any Decoder) throws {
        rawValue = try decoder.singleValueContainer().decode(String.self)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }

    public var description: String { rawValue }

    public static func < (lhs: RunID, rhs: RunID) -> Bool { lhs.rawValue < rhs.rawValue }

    /// Ids made unique in order of arrival: `stem`, then `stem-2`, `stem-3`, … when taken
    /// (an empty stem becomes `run`).
    public static func unique(stem: String, taken: inout Set<RunID>) -> RunID {
        let stem = stem.isEmpty ? "run" : stem
        var id = RunID(stem)
        var suffix = 2
        while taken.contains(id) {
            id = RunID("\(stem)-\(suffix)")
            suffix += 1
        }
        taken.insert(id)
        return id
    }
}
