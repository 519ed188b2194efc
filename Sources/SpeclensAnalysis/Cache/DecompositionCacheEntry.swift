import Foundation
import SpeclensCheckpoints
import SpeclensDataset
import SpeclensLinearAlgebra

#if canImport(Glibc)
    import Glibc
#endif

/// The file layout of one base decomposition cache entry, and its reading and writing. All
/// integers and floats are little-endian (the byte order of every platform speclens runs on):
///
/// | offset | bytes | field |
/// |---|---|---|
/// | 0 | 8 | magic `89 53 4C 53 56 44 0D 0A` (`\x89SLSVD\r\n`) |
/// | 8 | 4 | format version (``DecompositionCacheKey/formatVersion``) |
/// | 12 | 4 | key length K (bytes of UTF-8) |
/// | 16 | 8 | rows m of the analysed matrix |
/// | 24 | 8 | columns n |
/// | 32 | 8 | singular triplets p = min(m, n) |
/// | 40 | 8 | payload bytes, 4·(p + m·p + p·n) less the side not stored |
/// | 48 | 8 | XXH64 of the payload (``XXHash64``) |
/// | 56 | 8 | the side derived from W0 on reading: 0 none, 1 U, 2 Vᵀ; 3 U, 4 Vᵀ with its formed copy stored too |
/// | 64 | K | the key (``DecompositionCacheKey/text``) |
/// | 64 + K | payload | σ (p float32), then U (m × p, row-major) and Vᵀ (p × n, row-major) where stored |
///
/// A decomposition from the float64 Gram matrix stores only its Gram side
/// (``SingularValueDecomposition/derivedSide``): the reader derives the other from W0, which it
/// has (the key is W0's content). Where the analysis formed the derived side before storing (a
/// whole-spectrum matrix), the entry holds that copy too, read back as already formed.
///
/// Reading checks every field against the key looked up, the file's length against the header,
/// and the payload's checksum, while streaming the payload into the decomposition's arrays (no
/// second copy). Writing goes to a temporary file in the same folder, renamed over the entry
/// once complete: readers see the old entry or the new one, never a part, and concurrent
/// writers of the same key each rename a complete file.
enum DecompositionCacheEntry {
    static let magic: [UInt8] = [0x89, 0x53, 0x4C, 0x53, 0x56, 0x44, 0x0D, 0x0A]
    /// Bytes before the key.
    static let fixedHeaderSize = 64
    /// Longest key accepted on reading (a damaged length field must not allocate gigabytes).
    static let maximumKeyLength = 1 << 16

    /// Payload bytes of the decomposition of an `m × n` matrix storing every side but `derived`.
    static func payloadBytes(rows m: Int, columns n: Int, derived: DecompositionSide?) -> Int {
        let p = min(m, n)
        return 4 * (p + (derived == .left ? 0 : m * p) + (derived == .right ? 0 : p * n))
    }

    /// The whole entry's size in bytes under `key`, storing every side but `derived`.
    static func size(for key: DecompositionCacheKey, derived: DecompositionSide? = nil) -> Int {
        fixedHeaderSize + key.text.utf8.count
            + payloadBytes(rows: key.analysedShape[0], columns: key.analysedShape[1], derived: derived)
    }

    /// The whole entry's size in bytes for `decomposition` under `key`.
    static func size(of decomposition: SingularValueDecomposition, key: DecompositionCacheKey) -> Int {
        size(for: key, derived: decomposition.formedDerivedSide == nil ? decomposition.derivedSide : nil)
    }

    /// The header's code for the derived side and whether its formed copy is stored.
    private static func code(_ decomposition: SingularValueDecomposition) -> UInt64 {
        let formed = decomposition.formedDerivedSide != nil
        switch decomposition.derivedSide {
        case nil: return 0
        case .left: return formed ? 3 : 1
        case .right: return formed ? 4 : 2
        }
    }

    /// The arrays an entry stores for `decomposition`, in file order (σ, U, Vᵀ where stored).
    private static func storedArrays(_ decomposition: SingularValueDecomposition) -> [[Float]] {
        if let side = decomposition.storedSide, decomposition.formedDerivedSide == nil {
            return [decomposition.values, side.values]
        }
        return [decomposition.values, decomposition.left.values, decomposition.rightTransposed.values]
    }

    /// An I/O failure while writing, with the system's reason.
    struct WriteFailure: Error {
        let reason: String
    }

    /// Writes `decomposition` under `key` as `folder/key.fileName`, atomically.
    /// - Returns: the bytes written.
    /// - Throws: ``WriteFailure`` (the temporary file is removed; an existing entry stays).
    @discardableResult
    static func write(_ decomposition: SingularValueDecomposition, key: DecompositionCacheKey, into folder: String)
        throws
        -> Int
    {
        let keyBytes = Array(key.text.utf8)
        let (m, n, p) = (decomposition.rows, decomposition.columns, decomposition.count)
        let payload = size(of: decomposition, key: key) - fixedHeaderSize - keyBytes.count
        let arrays = storedArrays(decomposition)
        var hasher = XXHash64()
        for array in arrays { array.withUnsafeBytes { hasher.update($0) } }
        var header = magic
        append(UInt32(DecompositionCacheKey.formatVersion), to: &header)
        append(UInt32(keyBytes.count), to: &header)
        for field in [m, n, p, payload] { append(UInt64(field), to: &header) }
        append(hasher.finalize(), to: &header)
        append(code(decomposition), to: &header)
        header += keyBytes

        let final = folder + "/" + key.fileName
        let temporary = folder + "/.\(key.fileName).\(getpid()).\(UUID().uuidString).tmp"
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw WriteFailure(reason: systemReason()) }
        do {
            defer { close(descriptor) }
            try header.withUnsafeBytes { try writeAll(descriptor, $0) }
            for array in arrays { try array.withUnsafeBytes { try writeAll(descriptor, $0) } }
        } catch {
            unlink(temporary)
            throw error
        }
        guard rename(temporary, final) == 0 else {
            let reason = systemReason()
            unlink(temporary)
            throw WriteFailure(reason: reason)
        }
        return header.count + payload
    }

    /// Reads the entry at `path` if it holds `key`'s decomposition of `source` (W0, which derives
    /// a side not stored).
    /// - Returns: nil when there is no file at `path` (or its folder is gone); else the decomposition and the entry's
    ///   size in bytes, or why the entry cannot be trusted.
    static func read(_ path: String, key: DecompositionCacheKey, source: Matrix)
        -> Result<(decomposition: SingularValueDecomposition, bytes: Int), DecompositionCacheRejection>?
    {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else {
            return errno == ENOENT || errno == ENOTDIR ? nil : .failure(.unreadable(reason: systemReason()))
        }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else { return .failure(.unreadable(reason: systemReason())) }
        let fileSize = Int(status.st_size)
        do {
            let decomposition = try read(descriptor, fileSize: fileSize, key: key, source: source)
            // The entry was used: its modification time is the least-recently-used order.
            _ = futimens(descriptor, nil)
            return .success((decomposition, fileSize))
        } catch let rejection as DecompositionCacheRejection {
            return .failure(rejection)
        } catch {
            return .failure(.unreadable(reason: "\(error)"))
        }
    }

    private static func read(_ descriptor: Int32, fileSize: Int, key: DecompositionCacheKey, source: Matrix) throws
        -> SingularValueDecomposition
    {
        let prefix = try readBytes(descriptor, count: min(fileSize, fixedHeaderSize))
        guard prefix.starts(with: magic.prefix(prefix.count)) else { throw DecompositionCacheRejection.badMagic }
        guard prefix.count == fixedHeaderSize else { throw DecompositionCacheRejection.truncated }
        let version = Int(integer(prefix, at: 8, as: UInt32.self))
        guard version == DecompositionCacheKey.formatVersion else {
            throw DecompositionCacheRejection.otherFormat(version: version)
        }
        let keyLength = Int(integer(prefix, at: 12, as: UInt32.self))
        guard keyLength <= maximumKeyLength else { throw DecompositionCacheRejection.otherKey }
        guard fileSize >= fixedHeaderSize + keyLength else { throw DecompositionCacheRejection.truncated }
        let keyBytes = try readBytes(descriptor, count: keyLength)
        guard keyBytes == Array(key.text.utf8) else { throw DecompositionCacheRejection.otherKey }
        let (m, n) = (key.analysedShape[0], key.analysedShape[1])
        let p = min(m, n)
        let derived: DecompositionSide?
        let formed: Bool
        switch integer(prefix, at: 56, as: UInt64.self) {
        case 0: (derived, formed) = (nil, false)
        case 1: (derived, formed) = (.left, false)
        case 2: (derived, formed) = (.right, false)
        case 3: (derived, formed) = (.left, true)
        case 4: (derived, formed) = (.right, true)
        default: throw DecompositionCacheRejection.wrongSize
        }
        let fields = [16, 24, 32, 40].map { Int(truncatingIfNeeded: integer(prefix, at: $0, as: UInt64.self)) }
        let payload = payloadBytes(rows: m, columns: n, derived: formed ? nil : derived)
        guard fields == [m, n, p, payload], source.rows == m, source.columns == n else {
            throw DecompositionCacheRejection.wrongSize
        }
        let expectedSize = fixedHeaderSize + keyLength + payload
        guard fileSize >= expectedSize else { throw DecompositionCacheRejection.truncated }
        guard fileSize == expectedSize else { throw DecompositionCacheRejection.trailingBytes }

        var hasher = XXHash64()
        let values = try readFloats(descriptor, count: p, into: &hasher)
        let left =
            derived == .left && !formed
            ? nil : Matrix(rows: m, columns: p, values: try readFloats(descriptor, count: m * p, into: &hasher))
        let right =
            derived == .right && !formed
            ? nil : Matrix(rows: p, columns: n, values: try readFloats(descriptor, count: p * n, into: &hasher))
        guard hasher.finalize() == integer(prefix, at: 48, as: UInt64.self) else {
            throw DecompositionCacheRejection.checksumMismatch
        }
        switch derived {
        case nil: return SingularValueDecomposition(values: values, left: left!, rightTransposed: right!)
        case .left:
            return SingularValueDecomposition(
                values: values, stored: right!, derivedSide: .left, source: source, formed: formed ? left : nil)
        case .right:
            return SingularValueDecomposition(
                values: values, stored: left!, derivedSide: .right, source: source, formed: formed ? right : nil)
        }
    }

    /// `count` float32 values read straight into a new array, added to `hasher`.
    private static func readFloats(_ descriptor: Int32, count: Int, into hasher: inout XXHash64) throws -> [Float] {
        let values = try [Float](unsafeUninitializedCapacity: count) { buffer, initialised in
            let raw = UnsafeMutableRawBufferPointer(buffer)
            try readAll(descriptor, raw)
            initialised = count
        }
        values.withUnsafeBytes { hasher.update($0) }
        return values
    }

    private static func readBytes(_ descriptor: Int32, count: Int) throws -> [UInt8] {
        try [UInt8](unsafeUninitializedCapacity: count) { buffer, initialised in
            try readAll(descriptor, UnsafeMutableRawBufferPointer(buffer))
            initialised = count
        }
    }

    /// Fills `buffer` from `descriptor`; a file that ends first is truncated.
    private static func readAll(_ descriptor: Int32, _ buffer: UnsafeMutableRawBufferPointer) throws {
        var done = 0
        while done < buffer.count {
            let got = Glibc.read(descriptor, buffer.baseAddress! + done, min(buffer.count - done, 1 << 30))
            if got < 0, errno == EINTR { continue }
            guard got >= 0 else { throw DecompositionCacheRejection.unreadable(reason: systemReason()) }
            guard got > 0 else { throw DecompositionCacheRejection.truncated }
            done += got
        }
    }

    private static func writeAll(_ descriptor: Int32, _ buffer: UnsafeRawBufferPointer) throws {
        var done = 0
        while done < buffer.count {
            let wrote = Glibc.write(descriptor, buffer.baseAddress! + done, min(buffer.count - done, 1 << 30))
            if wrote < 0, errno == EINTR { continue }
            guard wrote > 0 else { throw WriteFailure(reason: systemReason()) }
            done += wrote
        }
    }

    private static func append<T: FixedWidthInteger>(_ value: T, to bytes: inout [UInt8]) {
        withUnsafeBytes(of: value.littleEndian) { bytes += $0 }
    }

    private static func integer<T: FixedWidthInteger>(_ bytes: [UInt8], at offset: Int, as: T.Type) -> T {
        bytes.withUnsafeBytes { T(littleEndian: $0.loadUnaligned(fromByteOffset: offset, as: T.self)) }
    }

    static func systemReason() -> String { String(cString: strerror(errno)) }
}
