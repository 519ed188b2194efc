import Foundation
import SpeclensCheckpoints
import SpeclensTestSupport

/// Feeds raw bytes as the pickle of a PyTorch checkpoint: as `archive/data.pkl` of a valid
/// stored ZIP archive that also holds storages `0`, `1` and `2` (64 float32 values each) and
/// `byteorder`, and as a legacy stream on its own; each opened with `PyTorchFile(path:)` and every
/// tensor read. Thrown errors are expected; only traps, sanitizer findings, hangs and huge
/// allocations are findings.
enum TorchPickleTarget {
    /// A private scratch folder for this process, removed at exit.
    static let folder: String = {
        let root = FileManager.default.isWritableFile(atPath: "/dev/shm") ? "/dev/shm" : NSTemporaryDirectory()
        let path = (root as NSString).appendingPathComponent("speclens-fuzz-torch-pickle-\(getpid())")
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        atexit { try? FileManager.default.removeItem(atPath: TorchPickleTarget.folder) }
        return path
    }()

    static func run(_ data: Data) {
        let archive = (folder as NSString).appendingPathComponent("archive.bin")
        let legacy = (folder as NSString).appendingPathComponent("legacy.bin")
        guard (try? StoredZip.torchArchive(pickle: data).write(to: URL(fileURLWithPath: archive))) != nil,
            (try? data.write(to: URL(fileURLWithPath: legacy))) != nil
        else {
            fatalError("cannot write the scratch files in \(folder)")
        }
        TorchFileChecks.readAll(archive)
        TorchFileChecks.readAll(legacy)
    }
}
