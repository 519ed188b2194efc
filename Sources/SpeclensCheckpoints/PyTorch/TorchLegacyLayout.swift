/// Where the tensors of a legacy-format PyTorch checkpoint lie: five pickles (magic number,
/// protocol version 1001, system information, the state dict, its storage keys), then each
/// storage in the keys' order as an 8-byte little-endian element count and its bytes.
enum TorchLegacyLayout {
    /// The magic number torch writes first, as little-endian bytes (0x1950a86a20f9469cfc6c).
    static let magic: [UInt8] = [0x6C, 0xFC, 0x9C, 0x46, 0xF9, 0x20, 0x6A, 0xA8, 0x50, 0x19]

    static func tensors(_ bytes: UnsafeRawBufferPointer, file: String) throws -> [TensorInfo] {
        let storages = TorchStorageTable()
        var position = 0
        func next(
            _ load: @escaping (PickleValue) throws -> PickleValue = { _ in
                throw PickleError.malformed("a persistent id outside the state dict", position: 0)
            }
        ) throws -> PickleValue {
            var unpickler = RestrictedUnpickler(bytes, start: position, persistentLoad: load)
            defer { position = unpickler.position }
            return try unpickler.load()
        }
        guard case .largeInt(let number) = try next(), number == magic else {
            throw PickleError.malformed("no PyTorch magic number at the start (not a torch.save file)", position: 0)
        }
        guard case .int(1001) = try next() else {
            throw PickleError.malformed("a legacy protocol other than 1001", position: 0)
        }
        try checkLittleEndian(try next())
        let entries = try TorchStateDict.entries(of: try next { try storages.load($0, legacy: true) })
        guard case .list(let keyList) = try next() else {
            throw PickleError.malformed("no list of storage keys", position: 0)
        }
        var starts: [String: Int] = [:]
        for item in keyList.items {
            guard case .string(let key) = item, let storage = storages.storages[key], starts[key] == nil else {
                throw PickleError.malformed("a storage key the state dict does not name, or named twice", position: 0)
            }
            let reader = ByteReader(bytes)
            let count = try reader.uint64(position)
            guard count == UInt64(storage.elementCount) else {
                throw PickleError.malformed(
                    "storage \"\(key)\" holds \(count) elements where the pickle says \(storage.elementCount)",
                    position: 0)
            }
            let size = storage.elementCount * (storage.dtype.bitsPerElement / 8)
            _ = try reader.slice(position + 8, size)
            starts[key] = position + 8
            position += 8 + size
        }
        return try TorchStateDict.tensors(entries, storageStart: starts, file: file)
    }

    /// Refuses a file written on a big-endian machine (its `sys_info` says so).
    private static func checkLittleEndian(_ info: PickleValue) throws {
        guard case .dict(let dict) = info else {
            throw PickleError.malformed("no system information after the protocol", position: 0)
        }
        for (key, value) in dict.entries {
            if case .string("little_endian") = key, case .bool(false) = value {
                throw PickleError.malformed(
                    "written on a big-endian machine (only little-endian files are read)", position: 0)
            }
        }
    }
}
