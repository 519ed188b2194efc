import Foundation

/// Writes matrices as a safetensors file: little-endian data, row-major, tensors in name order
/// with contiguous data offsets, the JSON header padded with spaces to a multiple of 8 bytes.
public enum SafetensorsWriter {
    /// Writes `tensors` (each a row-major `[rows, columns]` matrix) to `path`, atomically
    /// (a temporary file renamed into place).
    /// - Parameters:
    ///   - tensors: names and matrices; names must be unique, non-empty and not `__metadata__`.
    ///   - metadata: the `__metadata__` string map (omitted when empty).
    ///   - path: destination file path; an existing file is replaced.
    ///   - dtype: element type written: `.F32`, `.F16` (round to nearest even; values beyond the
    ///     F16 range become ±Inf) or `.BF16` (round to nearest even).
    /// - Throws: ``CheckpointError/unsupportedDType(file:tensor:dtype:)`` for another dtype,
    ///   ``CheckpointError/writeFailed(file:reason:)`` for a bad name, size overflow or I/O error.
    public static func write(
        _ tensors: [(name: String, matrix: Matrix)], metadata: [String: String] = [:],
        to path: String, dtype: TensorDType = .F32
    ) throws {
        let entries = try tensors.map { tensor in
            Entry(
                name: tensor.name, dtype: dtype, shape: [tensor.matrix.rows, tensor.matrix.columns],
                bytes: try encode(tensor.matrix.values, as: dtype, file: path, tensor: tensor.name))
        }
        try write(entries: entries, metadata: metadata, to: path)
    }

    /// One tensor to write: its name, dtype, shape and little-endian bytes (any dtype, copied as
    /// they are; the byte count must match the shape).
    public struct Entry: Sendable {
        public var name: String
        public var dtype: TensorDType
        public var shape: [Int]
        public var bytes: Data

        public init(name: String, dtype: TensorDType, shape: [Int], bytes: Data) {
            self.name = name
            self.dtype = dtype
            self.shape = shape
            self.bytes = bytes
        }
    }

    /// Writes `entries` in name order to `path`, atomically.
    /// - Throws: ``CheckpointError/writeFailed(file:reason:)`` for a bad or repeated name, a byte
    ///   count that does not match the shape and dtype, size overflow or I/O error.
    public static func write(entries: [Entry], metadata: [String: String] = [:], to path: String) throws {
        let ordered = entries.sorted { $0.name < $1.name }
        var seen = Set<String>()
        for entry in ordered {
            guard !entry.name.isEmpty, entry.name != "__metadata__" else {
                throw CheckpointError.writeFailed(
                    file: path, reason: "tensor name \"\(entry.name)\" is reserved or empty")
            }
            guard seen.insert(entry.name).inserted else {
                throw CheckpointError.writeFailed(file: path, reason: "tensor name \"\(entry.name)\" is given twice")
            }
            if let size = FloatDecoding.byteSize(entry.dtype) {
                let count = entry.shape.reduce(1) { $0.multipliedReportingOverflow(by: $1).partialValue }
                guard count.multipliedReportingOverflow(by: size).partialValue == entry.bytes.count else {
                    throw CheckpointError.writeFailed(
                        file: path,
                        reason:
                            "tensor \"\(entry.name)\" has \(entry.bytes.count) bytes for shape \(entry.shape) \(entry.dtype.rawValue)"
                    )
                }
            }
        }
        var header: [String] = []
        if !metadata.isEmpty {
            let items = metadata.keys.sorted().map { "\(jsonString($0)):\(jsonString(metadata[$0] ?? ""))" }
            header.append("\"__metadata__\":{\(items.joined(separator: ","))}")
        }
        var offset = 0
        for entry in ordered {
            let (end, overflow) = offset.addingReportingOverflow(entry.bytes.count)
            guard !overflow else {
                throw CheckpointError.writeFailed(file: path, reason: "tensor \"\(entry.name)\" is too large")
            }
            let shape = entry.shape.map(String.init).joined(separator: ",")
            header.append(
                "\(jsonString(entry.name)):{\"dtype\":\"\(entry.dtype.rawValue)\",\"shape\":[\(shape)],\"data_offsets\":[\(offset),\(end)]}"
            )
            offset = end
        }
        var headerBytes = Array("{\(header.joined(separator: ","))}".utf8)
        while headerBytes.count % 8 != 0 { headerBytes.append(UInt8(ascii: " ")) }
        var data = Data()
        let (total, overflow) = (8 + headerBytes.count).addingReportingOverflow(offset)
        guard !overflow else {
            throw CheckpointError.writeFailed(file: path, reason: "the file would be too large")
        }
        data.reserveCapacity(total)
        withUnsafeBytes(of: UInt64(headerBytes.count).littleEndian) { data.append(contentsOf: $0) }
        data.append(contentsOf: headerBytes)
        for entry in ordered { data.append(entry.bytes) }
        do {
            try data.write(to: URL(fileURLWithPath: path), options: .atomic)
        } catch {
            throw CheckpointError.writeFailed(file: path, reason: error.localizedDescription)
        }
    }

    /// `values` encoded little-endian as `dtype` (F32, F16 or BF16, rounded to nearest even).
    /// - Throws: ``CheckpointError/unsupportedDType(file:tensor:dtype:)`` for another dtype.
    public static func encode(_ values: [Float], as dtype: TensorDType, file: String = "", tensor: String = "") throws
        -> Data
    {
        guard outputSize(dtype) != nil else {
            throw CheckpointError.unsupportedDType(file: file, tensor: tensor, dtype: dtype.rawValue)
        }
        var data = Data()
        append(values, as: dtype, to: &data)
        return data
    }

    /// Bytes per element for the dtypes this writer produces; nil for the others.
    private static func outputSize(_ dtype: TensorDType) -> Int? {
        switch dtype {
        case .F32: return 4
        case .F16, .BF16: return 2
        default: return nil
        }
    }

    /// Appends `values` encoded little-endian as `dtype` (F32, F16 or BF16).
    private static func append(_ values: [Float], as dtype: TensorDType, to data: inout Data) {
        switch dtype {
        case .F16:
            var bits = [UInt16](repeating: 0, count: values.count)
            for i in values.indices { bits[i] = Float16(values[i]).bitPattern.littleEndian }
            bits.withUnsafeBytes { data.append(contentsOf: $0) }
        case .BF16:
            var bits = [UInt16](repeating: 0, count: values.count)
            for i in values.indices { bits[i] = bfloat16Bits(values[i]).littleEndian }
            bits.withUnsafeBytes { data.append(contentsOf: $0) }
        default:
            let bits = values.map { $0.bitPattern.littleEndian }
            bits.withUnsafeBytes { data.append(contentsOf: $0) }
        }
    }

    /// bfloat16 bit pattern of `value`, rounded to nearest even; NaN stays a quiet NaN.
    static func bfloat16Bits(_ value: Float) -> UInt16 {
        if value.isNaN { return 0x7FC0 }
        let bits = value.bitPattern
        let rounding = UInt32(0x7FFF) + ((bits >> 16) & 1)
        return UInt16(truncatingIfNeeded: bits.addingReportingOverflow(rounding).partialValue >> 16)
    }

    /// `text` as a JSON string literal.
    private static func jsonString(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 {
                    let hex = String(scalar.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }
}
