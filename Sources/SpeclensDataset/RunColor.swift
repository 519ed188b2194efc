/// A run's colour as `#rrggbb` (lowercase hex), checked when made, so that it can be written
/// into SVG and CSS as it is.
public struct RunColor: RawRepresentable, Codable, Sendable, Hashable {
    public let rawValue: String

    /// `text` as a colour when it is `#rgb` or `#rrggbb` (any case); nil otherwise.
    public init?(rawValue text: String) {
        let hex = text.hasPrefix("#") ? text.dropFirst() : Substring("")
        guard hex.count == 3 || hex.count == 6, hex.allSatisfy(\.isHexDigit) else { return nil }
        let full = hex.count == 3 ? hex.map { "\($0)\($0)" }.joined() : String(hex)
        rawValue = "#" + full.lowercased()
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let color = RunColor(rawValue: text) else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "not a #rrggbb colour: \(text)")
        }
        self = color
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }
}
