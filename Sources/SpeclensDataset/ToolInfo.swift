/// Name and version of the program that wrote a dataset.
public struct ToolInfo: Codable, Equatable, Sendable {
    /// Always `speclens` for files this library writes.
    public var name: String
    /// Semantic version of the writer.
    public var version: String

    public init(name: String = "speclens", version: String = ToolInfo.speclensVersion) {
        self.name = name
        self.version = version
    }

    /// The version of this library.
    public static let speclensVersion = "0.1.0"
}
