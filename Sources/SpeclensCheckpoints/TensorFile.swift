import Foundation

/// A file of named tensors a checkpoint is made of: a safetensors file or a PyTorch checkpoint.
protocol TensorFile: AnyObject, Sendable {
    /// Path of the file, as opened.
    var path: String { get }
    /// Size of the file in bytes.
    var byteCount: Int { get }
    /// Every tensor, sorted by name.
    var tensors: [TensorInfo] { get }
    /// String metadata the file carries (a safetensors header's `__metadata__`; none for PyTorch).
    var metadata: [String: String] { get }
    /// Reads a 2-D tensor as float32, row-major.
    func matrix(_ name: String) throws -> Matrix
    /// Reads a 1-D tensor as float32.
    func vector(_ name: String) throws -> [Float]
    /// The tensor's bytes in row-major order, to copy it unchanged.
    func rawBytes(_ name: String) throws -> Data
    /// 64 bits of the SHA-256 of the tensor's dtype, shape and values.
    func contentHash(_ name: String) throws -> UInt64
}

extension SafetensorsFile: TensorFile {}

extension PyTorchFile: TensorFile {
    var metadata: [String: String] { [:] }
}

/// Opens a tensor file by its name: PyTorch's extensions (`.bin`, `.pt`, `.pth`, `.pkl`,
/// `.ckpt`) as a ``PyTorchFile``, anything else as a ``SafetensorsFile``.
enum TensorFiles {
    /// File extensions of PyTorch checkpoints.
    static let pytorchExtensions: Set<String> = ["bin", "pt", "pth", "pkl", "ckpt"]

    /// Whether `path` names a PyTorch checkpoint by its extension.
    static func isPyTorch(_ path: String) -> Bool {
        pytorchExtensions.contains((path as NSString).pathExtension.lowercased())
    }

    /// The file at `path`, opened as its extension says.
    static func open(_ path: String) throws -> any TensorFile {
        isPyTorch(path) ? try PyTorchFile(path: path) : try SafetensorsFile(path: path)
    }
}
