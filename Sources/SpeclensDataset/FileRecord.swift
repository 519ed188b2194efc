/// A file a checkpoint was read from.
public struct FileRecord: Codable, Equatable, Sendable {
    /// Path as given on the command line, or relative to the checkpoint folder for its files.
    public var path: String
    /// Size in bytes.
    public var bytes: Int

    public init(path: String, bytes: Int) {
        self.path = path
        self.bytes = bytes
    }
}
