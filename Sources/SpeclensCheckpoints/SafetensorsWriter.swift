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
    public static func write(_ tensors: [(name: String, matrix: Matrix)], metadata: [String: String] = [:],
                             to path: String, dtype: TensorDType = .F32) throws {
        guard let elementSize = outputSize(dtype) else {
            throw CheckpointError.unsupportedDType(file: path, tensor: tensors.first?.name ?? "", dtype: dtype.rawValue)
        }
        let ordered = tensors.sorted { $0.name < $1.name }
        var seen = Set<String>()
        for tensor in ordered {
            guard !tensor.name.isEmpty, tensor.name != "__metadata__" else {
                throw CheckpointError.writeFailed(file: path, reason: "tensor name \"\(tensor.name)\" is reserved or empty")
            }
            guard seen.insert(tensor.name).inserted else {
                throw CheckpointError.writeFailed(file: path, reason: "tensor name \"\(tensor.name)\" is given twice")
            }
        }

        var entries: [String] = []
        if !metadata.isEmpty {
            let items = metadata.keys.sorted().map { "\(jsonString($0)):\(jsonString(metadata[$0] ?? ""))" }
            entries.append("\"__metadata__\":{\(items.joined(separator: ","))}")
        }
        var offset = 0
        for tensor in ordered {
            let (bytes, overflow) = tensor.matrix.values.count.multipliedReportingOverflow(by: elementSize)
            let (end, overflow2) = offset.addingReportingOverflow(bytes)
            guard !overflow, !overflow2 else {
                throw CheckpointError.writeFailed(file: path, reason: "tensor \"\(tensor.name)\" is too large")
            }
            entries.append("\(jsonString(tensor.name)):{\"dtype\":\"\(dtype.rawValue)\",\"shape\":[\(tensor.matrix.rows),\(tensor.matrix.columns)],\"data_offsets\":[\(offset),\(end)]}")
            offset = end
        }
        var header = Array("{\(entries.joined(separator: ","))}".utf8)
        while header.count % 8 != 0 { header.append(UInt8(ascii: " ")) }

        var data = Data()
        let (total, overflow) = (8 + header.count).addingReportingOverflow(offset)
        guard !overflow else {
            throw CheckpointError.writeFailed(file: path, reason: "the file would be too large")
        }
        data.reserveCapacity(total)
        withUnsafeBytes(of: UInt64(header.count).littleEndian) { data.append(contentsOf: $0) }
        data.append(contentsOf: header)
        for tensor in ordered {
            append(tensor.matrix.values, as: dtype, to: &data)
        }
        do {
            try data.write(to: URL(fileURLWithPath: path), options: .atomic)
        } catch {
            throw CheckpointError.writeFailed(file: path, reason: error.localizedDescription)
        }
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
