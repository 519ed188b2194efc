import Foundation
import SpeclensOutput

/// The rule for the file names a report writes below its output folder (``StagingWriter``
/// writes the files).
enum OutputWriter {
    /// Whether `path` is a file name speclens may write below an output folder (see
    /// ``SafeRelativePath/isSafe(_:)``).
    static func isSafeRelativePath(_ path: String) -> Bool {
        SafeRelativePath.isSafe(path)
    }
}
