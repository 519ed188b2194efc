import Foundation
import SpeclensOutput

/// Writes collected output files below a folder: each file atomically, creating sub-folders,
/// touching nothing else. Paths are checked to stay inside the folder.
enum OutputWriter {
    /// Whether `path` is a file name speclens may write below an output folder (see
    /// ``SafeRelativePath/isSafe(_:)``).
    static func isSafeRelativePath(_ path: String) -> Bool {
        SafeRelativePath.isSafe(path)
    }

    /// Writes each file below `directory` (a fresh staging folder nobody reads yet): `texts` as
    /// UTF-8, `data` as given, creating sub-folders (``StagingWriter``).
    /// - Parameter failAfter: for tests: fail like a full disk after this many files.
    static func write(
        _ texts: [String: String], data: [String: Data] = [:], into directory: String, failAfter: Int? = nil
    ) throws {
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        } catch {
            throw ReportError.outputUnwritable(path: directory, reason: error.localizedDescription)
        }
        let writer = StagingWriter(root: directory, failAfter: failAfter)
        for path in Set(texts.keys).union(data.keys).sorted() {
            if let text = texts[path] { try writer.write(path, text: text) } else if let bytes = data[path] { try writer.write(path, data: bytes) }
        }
    }
}
