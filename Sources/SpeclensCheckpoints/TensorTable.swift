import Foundation

/// The tensors of one memory-mapped file by name, read as float32 or as raw bytes: what a
/// safetensors file and a PyTorch checkpoint share once their layouts are known. A tensor with
/// ``TensorInfo/elementStrides`` is gathered element by element into row-major order.
final class TensorTable: Sendable {
    /// The file's path, as opened.
    let path: String
    /// Every tensor, sorted by name.
    let tensors: [TensorInfo]

    private let data: MappedFile
    private let indexByName: [String: Int]

    /// A table of `tensors` (any order; sorted here) whose offsets lie in `data`.
    init(path: String, data: MappedFile, tensors: [TensorInfo]) {
        self.path = path
        self.data = data
        self.tensors = tensors.sorted { $0.name < $1.name }
        var index: [String: Int] = [:]
        for (i, tensor) in self.tensors.enumerated() { index[tensor.name] = i }
        self.indexByName = index
    }

    /// Size of the file in bytes.
    var byteCount: Int { data.count }

    /// The tensor named `name`, or nil.
    func info(_ name: String) -> TensorInfo? {
        indexByName[name].map { tensors[$0] }
    }

    /// Reads a 2-D tensor into a float32 copy, row-major `[rows, columns]` (a linear weight is
    /// `[out, in]`). F32, F16 and BF16 convert exactly; F64 rounds to nearest.
    /// - Throws: ``CheckpointError/tensorNotFound(file:tensor:)``, ``CheckpointError/notAMatrix(file:tensor:shape:)``,
    ///   ``CheckpointError/unsupportedDType(file:tensor:dtype:)``, or
    ///   ``CheckpointError/nonFiniteValues(file:tensor:count:firstIndex:)`` if any value is NaN or
    ///   ±Inf after conversion.
    func matrix(_ name: String) throws -> Matrix {
        let info = try tensor(name)
        guard info.shape.count == 2 else {
            throw CheckpointError.notAMatrix(file: path, tensor: name, shape: info.shape)
        }
        let (count, overflow) = info.shape[0].multipliedReportingOverflow(by: info.shape[1])
        guard !overflow else {
            throw CheckpointError.validationOverflow(file: path, tensor: info.name, shape: info.shape)
        }
        return Matrix(rows: info.shape[0], columns: info.shape[1], values: try decode(info, count: count))
    }

    /// Reads a 1-D tensor into float32, with the same conversions and checks as ``matrix(_:)``.
    func vector(_ name: String) throws -> [Float] {
        let info = try tensor(name)
        guard info.shape.count == 1 else {
            throw CheckpointError.notAMatrix(file: path, tensor: name, shape: info.shape)
        }
        return try decode(info, count: info.shape[0])
    }

    /// The tensor's bytes in row-major order (any dtype), to copy it unchanged.
    func rawBytes(_ name: String) throws -> Data {
        let info = try tensor(name)
        let bytes = withRowMajorBytes(info) { raw in raw.map { Data($0) } }
        data.release(info.dataOffsets)
        guard let bytes else {
            throw CheckpointError.tensorInvalidInfo(
                file: path, tensor: name, expectedBytes: 0, actualBytes: info.dataOffsets.count)
        }
        return bytes
    }

    /// The first 64 bits of the SHA-256 of the tensor's dtype, shape and row-major bytes, read
    /// from the mapping without a copy (a strided view is gathered): a change of any stored value
    /// changes it. (SHA-256 runs in assembly even in a debug build, several times faster there
    /// than a Swift hash.)
    func contentHash(_ name: String) throws -> UInt64 {
        let info = try tensor(name)
        var hasher = SHA256Hasher()
        hasher.update(info.dtype.rawValue + "[" + info.shape.map(String.init).joined(separator: ",") + "]")
        let inside: Bool = withRowMajorBytes(info) { raw in
            guard let raw else { return false }
            hasher.update(raw)
            return true
        }
        data.release(info.dataOffsets)
        guard inside else {
            throw CheckpointError.tensorInvalidInfo(
                file: path, tensor: name, expectedBytes: 0, actualBytes: info.dataOffsets.count)
        }
        return hasher.finalize().leadingWord
    }

    private func tensor(_ name: String) throws -> TensorInfo {
        guard let info = info(name) else { throw CheckpointError.tensorNotFound(file: path, tensor: name) }
        return info
    }

    /// Decodes `count` values of `info` to float32 and rejects NaN / ±Inf.
    private func decode(_ info: TensorInfo, count: Int) throws -> [Float] {
        let name = info.name
        guard info.dtype.isSupportedMatrixType else {
            throw CheckpointError.unsupportedDType(file: path, tensor: name, dtype: info.dtype.rawValue)
        }
        let decoded: [Float]? = withRowMajorBytes(info) { raw in
            raw.flatMap { FloatDecoding.floats($0, dtype: info.dtype, count: count) }
        }
        // The float32 copy is all the caller needs: hand the file's pages back.
        data.release(info.dataOffsets)
        guard let values = decoded else {
            let needed =
                FloatDecoding.byteSize(info.dtype).map { count.multipliedReportingOverflow(by: $0).partialValue } ?? 0
            throw CheckpointError.tensorInvalidInfo(
                file: path, tensor: name, expectedBytes: needed,
                actualBytes: info.dataOffsets.count)
        }
        var badCount = 0
        var firstBad = -1
        values.withUnsafeBufferPointer { buffer in
            for i in 0..<buffer.count where !buffer[i].isFinite {
                if badCount == 0 { firstBad = i }
                badCount += 1
            }
        }
        guard badCount == 0 else {
            throw CheckpointError.nonFiniteValues(file: path, tensor: name, count: badCount, firstIndex: firstBad)
        }
        return values
    }

    /// Calls `body` with the tensor's bytes in row-major order: the file's own bytes for a
    /// contiguous tensor, a gathered copy for a strided view; nil when they do not lie in the file.
    private func withRowMajorBytes<Result>(_ info: TensorInfo, _ body: (UnsafeRawBufferPointer?) -> Result) -> Result {
        data.withUnsafeBytes { whole in
            guard info.dataOffsets.lowerBound >= 0, info.dataOffsets.upperBound <= whole.count else { return body(nil) }
            let span = UnsafeRawBufferPointer(rebasing: whole[info.dataOffsets])
            guard let strides = info.elementStrides else { return body(span) }
            guard
                let gathered = StridedGather.rowMajor(
                    span, shape: info.shape, strides: strides,
                    elementSize: info.dtype.bitsPerElement / 8)
            else { return body(nil) }
            return gathered.withUnsafeBytes { body($0) }
        }
    }
}
