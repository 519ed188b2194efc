/// The entries of a ZIP archive as `torch.save` writes it, read from its central directory
/// (torch leaves the sizes in its local headers at zero): each entry's name, compression method
/// and the byte range of its data in the file, so that a stored (uncompressed) entry is read
/// straight from the mapped file. ZIP64 sizes and offsets are understood. Every size and offset
/// is checked against the file; an archive whose directory does not fit, names an entry twice or
/// has more than ``maximumEntries`` entries is refused. Compressed entries are listed but never
/// inflated (a zip bomb stays a few kilobytes).
struct StoredZipArchive {
    /// One entry of the central directory.
    struct Entry: Equatable {
        /// The name as stored (UTF-8), e.g. `pytorch_model/data/0`.
        let name: String
        /// 0 for stored; anything else is compressed and not read.
        let method: Int
        /// The entry's data in the file, for a stored entry.
        let data: Range<Int>
    }

    /// Most entries accepted (a 70B model's shard holds a few thousand storages).
    static let maximumEntries = 1_000_000

    /// Entries by name.
    let entries: [String: Entry]

    /// Reads the central directory of the archive in `bytes`.
    /// - Throws: ``ZipError`` saying what does not fit.
    init(_ bytes: UnsafeRawBufferPointer) throws {
        let reader = ByteReader(bytes)
        let end = try Self.endOfCentralDirectory(reader)
        var entries: [String: Entry] = [:]
        var position = end.directoryOffset
        for _ in 0..<end.entryCount {
            let entry = try Self.entry(at: &position, reader, directoryEnd: end.directoryOffset + end.directorySize)
            guard entries.updateValue(entry, forKey: entry.name) == nil else {
                throw ZipError("the entry \"\(entry.name)\" appears twice")
            }
        }
        self.entries = entries
    }

    /// Where the central directory is and how many entries it holds.
    private static func endOfCentralDirectory(_ reader: ByteReader) throws -> (
        entryCount: Int, directoryOffset: Int, directorySize: Int
    ) {
        let count = reader.bytes.count
        guard count >= 22 else { throw ZipError("too short for a ZIP archive") }
        var record = -1
        for candidate in stride(from: count - 22, through: max(0, count - 22 - 65_535), by: -1) {
            if try reader.uint32(candidate) == 0x0605_4B50 {
                record = candidate
                break
            }
        }
        guard record >= 0 else { throw ZipError("no end-of-central-directory record") }
        var entryCount = try reader.uint16(record + 10)
        var size = try reader.uint32(record + 12)
        var offset = try reader.uint32(record + 16)
        if entryCount == 0xFFFF || size == 0xFFFF_FFFF || offset == 0xFFFF_FFFF {
            guard record >= 20, try reader.uint32(record - 20) == 0x0706_4B50 else {
                throw ZipError("a ZIP64 archive without its ZIP64 locator")
            }
            let zip64 = try reader.int(try reader.uint64(record - 12), "ZIP64 record offset")
            guard try reader.uint32(zip64) == 0x0606_4B50 else {
                throw ZipError("no ZIP64 end-of-central-directory record")
            }
            entryCount = try reader.int(try reader.uint64(zip64 + 32), "entry count")
            size = try reader.int(try reader.uint64(zip64 + 40), "central directory size")
            offset = try reader.int(try reader.uint64(zip64 + 48), "central directory offset")
        }
        guard entryCount <= maximumEntries else {
            throw ZipError("\(entryCount) entries (at most \(maximumEntries) accepted)")
        }
        guard offset <= count, size <= count - offset else {
            throw ZipError("the central directory (\(size) bytes at \(offset)) lies outside the \(count)-byte file")
        }
        return (entryCount, offset, size)
    }

    /// The central-directory entry at `position`, which moves past it.
    private static func entry(at position: inout Int, _ reader: ByteReader, directoryEnd: Int) throws -> Entry {
        let start = position
        guard start + 46 <= directoryEnd, try reader.uint32(start) == 0x0201_4B50 else {
            throw ZipError("a central directory entry is missing or damaged at byte \(start)")
        }
        let flags = try reader.uint16(start + 8)
        let method = try reader.uint16(start + 10)
        var compressed = try reader.uint32(start + 20)
        var uncompressed = try reader.uint32(start + 24)
        let nameLength = try reader.uint16(start + 28)
        let extraLength = try reader.uint16(start + 30)
        let commentLength = try reader.uint16(start + 32)
        var localOffset = try reader.uint32(start + 42)
        position = start + 46 + nameLength + extraLength + commentLength
        guard position <= directoryEnd else { throw ZipError("a central directory entry runs past the directory") }
        guard let name = String(validating: try reader.slice(start + 46, nameLength), as: UTF8.self) else {
            throw ZipError("an entry name that is not UTF-8")
        }
        guard flags & 1 == 0 else { throw ZipError("the entry \"\(name)\" is encrypted") }
        try zip64Fields(
            reader, at: start + 46 + nameLength, length: extraLength,
            uncompressed: &uncompressed, compressed: &compressed, localOffset: &localOffset)
        let data = try dataRange(reader, name: name, localOffset: localOffset, size: compressed)
        if method == 0, compressed != uncompressed {
            throw ZipError("the stored entry \"\(name)\" has sizes \(compressed) and \(uncompressed)")
        }
        return Entry(name: name, method: method, data: data)
    }

    /// Replaces 0xFFFFFFFF sizes and offset with the values of a ZIP64 extra field (id 1).
    private static func zip64Fields(
        _ reader: ByteReader, at start: Int, length: Int, uncompressed: inout Int, compressed: inout Int,
        localOffset: inout Int
    ) throws {
        var field = start
        while field + 4 <= start + length {
            let id = try reader.uint16(field)
            let size = try reader.uint16(field + 2)
            guard field + 4 + size <= start + length else { throw ZipError("an extra field runs past its entry") }
            if id == 1 {
                var value = field + 4
                for target in [\ZipSizes.uncompressed, \.compressed, \.localOffset] {
                    var sizes = ZipSizes(uncompressed: uncompressed, compressed: compressed, localOffset: localOffset)
                    guard sizes[keyPath: target] == 0xFFFF_FFFF else { continue }
                    guard value + 8 <= field + 4 + size else {
                        throw ZipError("a ZIP64 field too short for its values")
                    }
                    sizes[keyPath: target] = try reader.int(try reader.uint64(value), "ZIP64 size")
                    (uncompressed, compressed, localOffset) = (sizes.uncompressed, sizes.compressed, sizes.localOffset)
                    value += 8
                }
            }
            field += 4 + size
        }
    }

    /// The data of the entry whose local header is at `localOffset`, checked to lie in the file.
    private static func dataRange(_ reader: ByteReader, name: String, localOffset: Int, size: Int) throws -> Range<Int>
    {
        guard try reader.uint32(localOffset) == 0x0403_4B50 else {
            throw ZipError("the local header of \"\(name)\" is missing at byte \(localOffset)")
        }
        let begin = localOffset + 30 + (try reader.uint16(localOffset + 26)) + (try reader.uint16(localOffset + 28))
        guard begin <= reader.bytes.count, size <= reader.bytes.count - begin else {
            throw ZipError(
                "the entry \"\(name)\" claims \(size) bytes at byte \(begin), past the end of the \(reader.bytes.count)-byte file"
            )
        }
        return begin..<(begin + size)
    }
}

/// The three ZIP64-able values of an entry, addressable by key path.
private struct ZipSizes {
    var uncompressed: Int
    var compressed: Int
    var localOffset: Int
}

/// Why a ZIP archive was refused.
struct ZipError: Error, Equatable {
    let reason: String
    init(_ reason: String) { self.reason = reason }
}

/// Little-endian reads from a byte buffer, each checked to lie inside it.
struct ByteReader {
    let bytes: UnsafeRawBufferPointer
    init(_ bytes: UnsafeRawBufferPointer) { self.bytes = bytes }

    func slice(_ offset: Int, _ count: Int) throws -> UnsafeRawBufferPointer {
        guard offset >= 0, count >= 0, offset <= bytes.count, count <= bytes.count - offset else {
            throw ZipError("a read of \(count) bytes at byte \(offset) runs past the end of the file")
        }
        return UnsafeRawBufferPointer(rebasing: bytes[offset..<(offset + count)])
    }

    private func unsigned(_ offset: Int, _ count: Int) throws -> UInt64 {
        let raw = try slice(offset, count)
        var value: UInt64 = 0
        for index in 0..<count { value |= UInt64(raw[index]) << (8 * UInt64(index)) }
        return value
    }

    func uint16(_ offset: Int) throws -> Int { Int(try unsigned(offset, 2)) }
    func uint32(_ offset: Int) throws -> Int { Int(try unsigned(offset, 4)) }
    func uint64(_ offset: Int) throws -> UInt64 { try unsigned(offset, 8) }

    /// `value` as an Int that fits in the file, else an error naming `what`.
    func int(_ value: UInt64, _ what: String) throws -> Int {
        guard value <= UInt64(bytes.count) else { throw ZipError("a \(what) of \(value), larger than the file") }
        return Int(value)
    }
}
