import Foundation

/// One PyTorch checkpoint file (`torch.save` of a state dict: `pytorch_model.bin`,
/// `adapter_model.bin`, `.pt`), read without torch and without running its pickle.
///
/// Both of torch's formats are read: the ZIP archive of torch ≥ 1.6 (`<top>/data.pkl` and one
/// stored entry per storage, `<top>/data/<key>`) and the legacy stream of torch < 1.6 (magic
/// number, protocol version, system information, the pickle, its storage keys, then each storage
/// as an 8-byte element count and its bytes). The pickle is read by ``RestrictedUnpickler``, which
/// builds only plain data, dicts and tensor views and refuses any other global by name. Tensors
/// are then read straight from the memory-mapped file, as safetensors are; a strided view
/// (a transpose, a column slice) is gathered into row-major order.
public final class PyTorchFile: Sendable {
    /// Which of torch's two serialisation formats a file uses.
    public enum Format: String, Sendable {
        /// The ZIP archive written by torch ≥ 1.6.
        case zip
        /// The stream of pickles written by torch < 1.6 or `_use_new_zipfile_serialization=False`.
        case legacy
    }

    /// Path of the file, as given to ``init(path:)``.
    public let path: String
    /// Size of the file in bytes.
    public let byteCount: Int
    /// The file's format.
    public let format: Format
    /// Every tensor of the file, sorted by name; ``TensorInfo/dataOffsets`` are absolute file positions.
    public let tensors: [TensorInfo]

    private let table: TensorTable

    /// Opens and memory-maps the file at `path` and reads its pickle.
    /// - Throws: ``CheckpointError/fileUnreadable(file:reason:)``,
    ///   ``CheckpointError/pickleGlobalRefused(file:global:)`` for a pickle naming anything a
    ///   state dict does not need (nothing is run), or
    ///   ``CheckpointError/invalidPyTorchCheckpoint(file:reason:)`` for a damaged or unsupported file.
    public init(path: String) throws {
        self.path = path
        let data = try MappedFile(existingFile: path)
        self.byteCount = data.count
        let (format, tensors) = try data.withUnsafeBytes { bytes in
            do {
                if bytes.starts(with: [0x50, 0x4B, 0x03, 0x04]) {
                    return (Format.zip, try TorchZipLayout.tensors(bytes, file: path))
                }
                if bytes.first == 0x80 { return (Format.legacy, try TorchLegacyLayout.tensors(bytes, file: path)) }
                throw PickleError.malformed(
                    "neither a ZIP archive nor a pickle stream (a PyTorch checkpoint is one of the two)", position: 0)
            } catch PickleError.refusedGlobal(let global) {
                throw CheckpointError.pickleGlobalRefused(file: path, global: global)
            } catch PickleError.malformed(let reason, let position) {
                throw CheckpointError.invalidPyTorchCheckpoint(
                    file: path, reason: position > 0 ? "\(reason) (pickle byte \(position))" : reason)
            } catch let error as ZipError {
                throw CheckpointError.invalidPyTorchCheckpoint(file: path, reason: "ZIP archive: " + error.reason)
            }
        }
        self.format = format
        self.table = TensorTable(path: path, data: data, tensors: tensors)
        self.tensors = table.tensors
    }

    /// The tensor named `name`, or nil if the file has none.
    public func info(_ name: String) -> TensorInfo? { table.info(name) }

    /// Reads a 2-D tensor as ``SafetensorsFile/matrix(_:)`` does.
    public func matrix(_ name: String) throws -> Matrix { try table.matrix(name) }

    /// Reads a 1-D tensor as ``SafetensorsFile/vector(_:)`` does.
    public func vector(_ name: String) throws -> [Float] { try table.vector(name) }

    /// The tensor's bytes in row-major order (any dtype), to copy it unchanged.
    /// 64 bits of the SHA-256 of the tensor's dtype, shape and values as stored; changes with any of them.
    public func contentHash(_ name: String) throws -> UInt64 { try table.contentHash(name) }

    public func rawBytes(_ name: String) throws -> Data { try table.rawBytes(name) }
}
