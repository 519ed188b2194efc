import Foundation

/// One safetensors file, memory-mapped, with its header fully validated on opening.
///
/// Layout: bytes 0–7 hold a little-endian UInt64 header length `N`; bytes `8..<8+N` a UTF-8 JSON
/// header; the rest is the data buffer, little-endian and row-major. Validation mirrors the
/// reference reader, in order: file shorter than 8 bytes, `N` above 100,000,000, header past the end
/// of the file, bad header (UTF-8, JSON, fields, dtype, duplicate names), non-contiguous offsets,
/// size overflow, byte length different from shape × dtype size, data not filling the buffer.
public final class SafetensorsFile: Sendable {
    /// Largest header length accepted, in bytes (as the reference reader).
    public static let maximumHeaderLength: UInt64 = 100_000_000

    /// Path of the file, as given to ``init(path:)``.
    public let path: String
    /// Size of the file in bytes.
    public let byteCount: Int
    /// The header's `__metadata__` string map (empty if absent), e.g. `["format": "pt"]`.
    public let metadata: [String: String]
    /// Every tensor of the file, sorted by name; ``TensorInfo/dataOffsets`` are absolute file positions.
    public let tensors: [TensorInfo]

    private let table: TensorTable

    /// Opens and memory-maps the file at `path` and validates its header.
    /// - Throws: ``CheckpointError`` naming the file: `fileUnreadable`, `headerTooSmall`,
    ///   `headerTooLarge`, `invalidHeaderLength`, `invalidHeader`, `invalidOffset`,
    ///   `validationOverflow`, `tensorInvalidInfo` or `metadataIncompleteBuffer`.
    public init(path: String) throws {
        self.path = path
        let data = try MappedFile(existingFile: path)
        self.byteCount = data.count
        let header = try SafetensorsFile.parse(data, path: path)
        self.metadata = header.metadata
        self.table = TensorTable(path: path, data: data, tensors: header.tensors)
        self.tensors = table.tensors
    }

    /// The tensor named `name`, or nil if the file has none.
    public func info(_ name: String) -> TensorInfo? {
        table.info(name)
    }

    /// Reads a 2-D tensor into a float32 copy, row-major `[rows, columns]` as stored (a linear
    /// weight is `[out, in]`). F32, F16 and BF16 convert exactly; F64 rounds to nearest.
    /// - Throws: ``CheckpointError/tensorNotFound(file:tensor:)``, ``CheckpointError/notAMatrix(file:tensor:shape:)``,
    ///   ``CheckpointError/unsupportedDType(file:tensor:dtype:)``, or
    ///   ``CheckpointError/nonFiniteValues(file:tensor:count:firstIndex:)`` if any value is NaN or
    ///   ±Inf after conversion.
    public func matrix(_ name: String) throws -> Matrix {
        try table.matrix(name)
    }

    /// The stored bytes of tensor `name`, exactly as in the file (any dtype), to copy it unchanged.
    /// - Throws: ``CheckpointError/tensorNotFound(file:tensor:)``.
    /// 64 bits of the SHA-256 of the tensor's dtype, shape and values as stored; changes with any of them.
    public func contentHash(_ name: String) throws -> UInt64 { try table.contentHash(name) }

    public func rawBytes(_ name: String) throws -> Data {
        try table.rawBytes(name)
    }

    /// Reads a 1-D tensor (e.g. a bias or DoRA's `lora_magnitude_vector`) into float32, with the
    /// same conversions and checks as ``matrix(_:)``.
    /// - Throws: as ``matrix(_:)``; ``CheckpointError/notAMatrix(file:tensor:shape:)`` if not 1-D.
    public func vector(_ name: String) throws -> [Float] {
        try table.vector(name)
    }

    /// Validates the whole file in the reference order and returns its tensors sorted by name.
    private static func parse(_ data: MappedFile, path: String) throws -> (
        metadata: [String: String], tensors: [TensorInfo]
    ) {
        let byteCount = data.count
        guard byteCount >= 8 else {
            throw CheckpointError.headerTooSmall(file: path, byteCount: byteCount)
        }
        let headerLength = data.withUnsafeBytes {
            UInt64(littleEndian: $0.loadUnaligned(fromByteOffset: 0, as: UInt64.self))
        }
        guard headerLength <= maximumHeaderLength else {
            throw CheckpointError.headerTooLarge(file: path, headerLength: headerLength)
        }
        let n = Int(headerLength)  // at most 100,000,000: fits
        guard n <= byteCount - 8 else {
            throw CheckpointError.invalidHeaderLength(file: path, headerLength: headerLength, byteCount: byteCount)
        }
        let headerBytes: [UInt8] = data.withUnsafeBytes { [UInt8]($0[8..<(8 + n)]) }
        let entries: [SafetensorsHeaderEntry]
        let metadata: [String: String]
        (entries, metadata) = try parseJSON(headerBytes, path: path)

        // Offsets: contiguous from 0 in offset order, then sizes, then the buffer end.
        let dataStart = 8 + n
        let bufferLength = byteCount - dataStart
        let ordered = entries.sorted { ($0.begin, $0.end, $0.name) < ($1.begin, $1.end, $1.name) }
        var expected = 0
        for entry in ordered {
            guard entry.begin == expected, entry.end >= entry.begin else {
                throw CheckpointError.invalidOffset(
                    file: path, tensor: entry.name, begin: entry.begin,
                    end: entry.end, expectedBegin: expected)
            }
            expected = entry.end
            var elements = 1
            for dimension in entry.shape {
                let (product, overflow) = elements.multipliedReportingOverflow(by: dimension)
                guard !overflow else {
                    throw CheckpointError.validationOverflow(file: path, tensor: entry.name, shape: entry.shape)
                }
                elements = product
            }
            let (bits, overflow) = elements.multipliedReportingOverflow(by: entry.dtype.bitsPerElement)
            guard !overflow else {
                throw CheckpointError.validationOverflow(file: path, tensor: entry.name, shape: entry.shape)
            }
            let bytes = bits / 8 + (bits % 8 == 0 ? 0 : 1)
            guard entry.end - entry.begin == bytes else {
                throw CheckpointError.tensorInvalidInfo(
                    file: path, tensor: entry.name, expectedBytes: bytes,
                    actualBytes: entry.end - entry.begin)
            }
        }
        guard expected == bufferLength else {
            throw CheckpointError.metadataIncompleteBuffer(file: path, dataEnd: expected, bufferLength: bufferLength)
        }
        var tensors: [TensorInfo] = []
        tensors.reserveCapacity(entries.count)
        for entry in entries {
            // Both ends lie within the buffer (checked above), so these sums stay below byteCount.
            let (begin, o1) = entry.begin.addingReportingOverflow(dataStart)
            let (end, o2) = entry.end.addingReportingOverflow(dataStart)
            guard !o1, !o2 else {
                throw CheckpointError.validationOverflow(file: path, tensor: entry.name, shape: entry.shape)
            }
            tensors.append(
                TensorInfo(
                    name: entry.name, dtype: entry.dtype, shape: entry.shape, file: path,
                    dataOffsets: begin..<end))
        }
        tensors.sort { $0.name < $1.name }
        return (metadata, tensors)
    }

    /// Parses and type-checks the JSON header: UTF-8, a JSON object, no duplicate names, known
    /// dtypes, and the fields `dtype`, `shape`, `data_offsets` of the right types.
    private static func parseJSON(_ bytes: [UInt8], path: String) throws -> ([SafetensorsHeaderEntry], [String: String])
    {
        func invalid(_ reason: String) -> CheckpointError {
            CheckpointError.invalidHeader(file: path, reason: reason)
        }
        guard String(validating: bytes, as: UTF8.self) != nil else {
            throw invalid("the header is not valid UTF-8")
        }
        let object: Any
        do {
            object = try JSONSerialization.jsonObject(with: Data(bytes), options: [])
        } catch {
            throw invalid("the header is not valid JSON")
        }
        guard let dictionary = object as? [String: Any] else {
            throw invalid("the header is not a JSON object")
        }
        guard let keys = JSONKeyScanner.topLevelKeys(in: bytes) else {
            throw invalid("the header is not a well-formed JSON object")
        }
        if keys.count != dictionary.count {
            var seen = Set<String>()
            let duplicate = keys.first { !seen.insert($0).inserted } ?? "?"
            throw invalid("tensor name \"\(duplicate)\" appears more than once")
        }
        var metadata: [String: String] = [:]
        var entries: [SafetensorsHeaderEntry] = []
        for name in dictionary.keys.sorted() {
            let value = dictionary[name] as Any
            if name == "__metadata__" {
                if value is NSNull { continue }
                guard let map = value as? [String: Any] else {
                    throw invalid("__metadata__ is not an object of strings")
                }
                for (key, item) in map {
                    guard let text = item as? String else {
                        throw invalid("__metadata__ entry \"\(key)\" is not a string")
                    }
                    metadata[key] = text
                }
                continue
            }
            guard let fields = value as? [String: Any] else {
                throw invalid("entry for tensor \"\(name)\" is not an object")
            }
            guard let dtypeText = fields["dtype"] as? String else {
                throw invalid("tensor \"\(name)\" has no string field \"dtype\"")
            }
            guard let dtype = TensorDType(rawValue: dtypeText) else {
                throw invalid("tensor \"\(name)\" has unknown dtype \"\(dtypeText)\"")
            }
            guard let shapeItems = fields["shape"] as? [Any] else {
                throw invalid("tensor \"\(name)\" has no array field \"shape\"")
            }
            var shape: [Int] = []
            for item in shapeItems {
                guard let dimension = nonNegativeInteger(item) else {
                    throw invalid("tensor \"\(name)\" has a shape entry that is not a non-negative integer")
                }
                shape.append(dimension)
            }
            guard let offsetItems = fields["data_offsets"] as? [Any], offsetItems.count == 2,
                let begin = nonNegativeInteger(offsetItems[0]),
                let end = nonNegativeInteger(offsetItems[1])
            else {
                throw invalid("tensor \"\(name)\" has no field \"data_offsets\" of two non-negative integers")
            }
            entries.append(SafetensorsHeaderEntry(name: name, dtype: dtype, shape: shape, begin: begin, end: end))
        }
        return (entries, metadata)
    }

    /// The value as a non-negative Int if it is a JSON integer that fits, else nil.
    private static func nonNegativeInteger(_ value: Any) -> Int? {
        guard let number = value as? NSNumber, let integer = Int(exactly: number), integer >= 0 else {
            return nil
        }
        return integer
    }
}
