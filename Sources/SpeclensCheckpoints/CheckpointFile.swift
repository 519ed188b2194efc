/// A data file a checkpoint or adapter was read from.
public struct CheckpointFile: Sendable, Equatable {
    /// Path of the file as it was opened: the path given by the user, or the checkpoint folder
    /// joined with the file name (symlinks are not resolved).
    public let path: String
    /// Size of the file in bytes.
    public let bytes: Int

    /// A file record; `bytes` is the file size in bytes.
    public init(path: String, bytes: Int) {
        self.path = path
        self.bytes = bytes
    }
}
