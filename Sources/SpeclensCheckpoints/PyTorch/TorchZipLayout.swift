/// Where the tensors of a ZIP-format PyTorch checkpoint lie: `<top>/data.pkl` read by the
/// restricted unpickler, each storage the stored entry `<top>/data/<key>`, little-endian unless
/// `<top>/byteorder` says otherwise (refused).
enum TorchZipLayout {
    static func tensors(_ bytes: UnsafeRawBufferPointer, file: String) throws -> [TensorInfo] {
        let archive = try StoredZipArchive(bytes)
        let pickles = archive.entries.keys.filter { $0 == "data.pkl" || $0.hasSuffix("/data.pkl") }
        guard pickles.count == 1, let pickleName = pickles.first else {
            throw PickleError.malformed(
                "the archive holds \(pickles.count) data.pkl entries (one expected)", position: 0)
        }
        let top = String(pickleName.dropLast("data.pkl".count))
        if let order = archive.entries[top + "byteorder"] {
            let text = String(decoding: try stored(order, bytes), as: UTF8.self)
            guard text.trimmingCharacters(in: .whitespacesAndNewlines) == "little" else {
                throw PickleError.malformed(
                    "byte order \"\(text.prefix(16))\" (only little-endian files are read)", position: 0)
            }
        }
        let storages = TorchStorageTable()
        let pickle = try stored(archive.entries[pickleName]!, bytes)
        var unpickler = RestrictedUnpickler(pickle) { try storages.load($0, legacy: false) }
        let entries = try TorchStateDict.entries(of: try unpickler.load())
        var starts: [String: Int] = [:]
        for (key, storage) in storages.storages {
            guard let entry = archive.entries[top + "data/" + key] else {
                throw PickleError.malformed("storage \"\(key)\" has no entry \(top)data/\(key)", position: 0)
            }
            let range = try storedRange(entry)
            let needed = storage.elementCount.multipliedReportingOverflow(by: storage.dtype.bitsPerElement / 8)
            guard !needed.overflow, needed.partialValue <= range.count else {
                throw PickleError.malformed(
                    "storage \"\(key)\" needs \(storage.elementCount) elements of \(storage.dtype.rawValue) but its entry holds \(range.count) bytes",
                    position: 0)
            }
            starts[key] = range.lowerBound
        }
        return try TorchStateDict.tensors(entries, storageStart: starts, file: file)
    }

    /// The bytes of a stored entry.
    private static func stored(_ entry: StoredZipArchive.Entry, _ bytes: UnsafeRawBufferPointer) throws
        -> UnsafeRawBufferPointer
    {
        UnsafeRawBufferPointer(rebasing: bytes[try storedRange(entry)])
    }

    /// The data range of a stored entry; a compressed one is refused (torch never compresses).
    private static func storedRange(_ entry: StoredZipArchive.Entry) throws -> Range<Int> {
        guard entry.method == 0 else {
            throw PickleError.malformed(
                "the entry \"\(entry.name)\" is compressed (method \(entry.method)); torch stores its entries uncompressed",
                position: 0)
        }
        return entry.data
    }
}
