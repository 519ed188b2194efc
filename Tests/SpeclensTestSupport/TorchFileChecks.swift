import SpeclensCheckpoints

/// What both PyTorch fuzz targets do with a file: open it, check the invariants of an accepted
/// file, and read every tensor every way.
public enum TorchFileChecks {
    public static func readAll(_ path: String) {
        if let file = try? PyTorchFile(path: path) {
            precondition(
                zip(file.tensors, file.tensors.dropFirst()).allSatisfy { $0.name < $1.name },
                "tensors not sorted by unique name")
            for tensor in file.tensors {
                precondition(
                    tensor.dataOffsets.lowerBound >= 0 && tensor.dataOffsets.upperBound <= file.byteCount,
                    "tensor data outside the file")
                if let matrix = try? file.matrix(tensor.name) {
                    precondition(matrix.shape == tensor.shape, "matrix shape differs from the pickle")
                }
                _ = try? file.vector(tensor.name)
                _ = try? file.rawBytes(tensor.name)
            }
        }
        if let checkpoint = try? ModelCheckpoint(path: path) {
            for tensor in checkpoint.tensors { _ = try? checkpoint.matrix(tensor.name) }
        }
    }
}
