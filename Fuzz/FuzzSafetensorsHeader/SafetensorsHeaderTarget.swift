import Foundation
import SpeclensCheckpoints

/// Feeds raw bytes as a file through `SafetensorsFile(path:)` and `ModelCheckpoint(path:)` and reads
/// every listed tensor as a matrix and as a vector. Thrown errors are expected; only traps,
/// sanitizer findings, hangs and huge allocations are findings.
enum SafetensorsHeaderTarget {
    /// A private scratch folder for this process, removed at exit.
    static let folder: String = {
        let root = FileManager.default.isWritableFile(atPath: "/dev/shm") ? "/dev/shm" : NSTemporaryDirectory()
        let path = (root as NSString).appendingPathComponent("speclens-fuzz-safetensors-\(getpid())")
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        atexit { try? FileManager.default.removeItem(atPath: SafetensorsHeaderTarget.folder) }
        return path
    }()

    static func run(_ data: Data) {
        let path = (folder as NSString).appendingPathComponent("fuzz.safetensors")
        guard (try? data.write(to: URL(fileURLWithPath: path))) != nil else {
            fatalError("cannot write the scratch file \(path)")
        }
        if let file = try? SafetensorsFile(path: path) {
            check(file)
            for tensor in file.tensors {
                if let matrix = try? file.matrix(tensor.name) {
                    precondition(matrix.shape == tensor.shape, "matrix shape differs from the header")
                }
                if let vector = try? file.vector(tensor.name) {
                    precondition([vector.count] == tensor.shape, "vector length differs from the header")
                }
            }
        }
        if let checkpoint = try? ModelCheckpoint(path: path) {
            for tensor in checkpoint.tensors {
                _ = try? checkpoint.matrix(tensor.name)
            }
        }
    }

    /// Invariants of an accepted file: tensors sorted by name, data inside the file, contiguous.
    static func check(_ file: SafetensorsFile) {
        precondition(
            zip(file.tensors, file.tensors.dropFirst()).allSatisfy { $0.name < $1.name },
            "tensors not sorted by unique name")
        for tensor in file.tensors {
            precondition(
                tensor.dataOffsets.lowerBound >= 8 && tensor.dataOffsets.upperBound <= file.byteCount,
                "tensor \(tensor.name) data \(tensor.dataOffsets) outside the \(file.byteCount)-byte file")
            precondition(file.info(tensor.name) == tensor, "lookup by name disagrees")
        }
    }
}
