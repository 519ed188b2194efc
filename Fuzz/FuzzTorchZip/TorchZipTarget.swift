import Foundation
import SpeclensCheckpoints
import SpeclensTestSupport

/// Feeds raw bytes as a whole PyTorch checkpoint (`pytorch_model.bin`: a ZIP archive or a legacy
/// stream) through `PyTorchFile(path:)` and `ModelCheckpoint(path:)`, and reads every tensor as
/// a matrix, a vector and raw bytes. Thrown errors are expected; only traps, sanitizer findings,
/// hangs and huge allocations are findings.
enum TorchZipTarget {
    /// A private scratch folder for this process, removed at exit.
    static let folder: String = {
        let root = FileManager.default.isWritableFile(atPath: "/dev/shm") ? "/dev/shm" : NSTemporaryDirectory()
        let path = (root as NSString).appendingPathComponent("speclens-fuzz-torch-zip-\(getpid())")
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        atexit { try? FileManager.default.removeItem(atPath: TorchZipTarget.folder) }
        return path
    }()

    static func run(_ data: Data) {
        let path = (folder as NSString).appendingPathComponent("pytorch_model.bin")
        guard (try? data.write(to: URL(fileURLWithPath: path))) != nil else {
            fatalError("cannot write the scratch file \(path)")
        }
        TorchFileChecks.readAll(path)
    }
}
