/// Something whose 2-D tensors can be read by name as float32 matrices (a model checkpoint, an
/// adapter's saved modules).
public protocol MatrixSource: Sendable {
    /// Reads the 2-D tensor `name` as a float32 row-major matrix, as stored.
    func matrix(_ name: String) throws -> Matrix
    /// 64 bits of the SHA-256 of tensor `name`'s dtype, shape and stored values, read without a
    /// copy: what identifies an input by content.
    func contentHash(_ name: String) throws -> UInt64
}

extension ModelCheckpoint: MatrixSource {}
extension LoRAAdapter: MatrixSource {}
