import Foundation

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

    /// The absolute path with every symbolic link resolved (a Hugging Face cache snapshot links
    /// into `blobs/`), so that two spellings of one file compare equal.
    public var resolvedPath: String {
        URL(fileURLWithPath: path).standardizedFileURL.resolvingSymlinksInPath().path
    }

    /// Whether `other` holds exactly the same bytes: same size, then the contents compared in
    /// chunks, stopping at the first difference (a fine-tune of the same size usually differs
    /// within its first chunks, so only identical files are read to the end).
    /// - Throws: ``CheckpointError/fileUnreadable(file:reason:)`` when either file cannot be read.
    public func hasIdenticalBytes(to other: CheckpointFile) throws -> Bool {
        guard bytes == other.bytes else { return false }
        func open(_ path: String) throws -> FileHandle {
            guard let handle = FileHandle(forReadingAtPath: path) else {
                throw CheckpointError.fileUnreadable(file: path, reason: "cannot open the file to compare its contents")
            }
            return handle
        }
        let mine = try open(path)
        let theirs = try open(other.path)
        defer {
            try? mine.close()
            try? theirs.close()
        }
        func read(_ handle: FileHandle, _ path: String) throws -> Data {
            do {
                return try handle.read(upToCount: 8 << 20) ?? Data()
            } catch {
                throw CheckpointError.fileUnreadable(file: path, reason: error.localizedDescription)
            }
        }
        while true {
            let a = try read(mine, path)
            let b = try read(theirs, other.path)
            if a != b { return false }
            if a.isEmpty { return true }
        }
    }
}
