/// The storages a pickle's persistent ids name, collected while it is read: each key with one
/// element type and size (a storage viewed by several tensors is named once per tensor, with
/// the same values every time).
final class TorchStorageTable {
    private(set) var storages: [String: TorchStorageReference] = [:]

    /// The persistent-id loader for ``RestrictedUnpickler``: `('storage', torch.<Type>Storage,
    /// key, location, numel)`, plus a sixth item, `None`, in the legacy format (a view of another
    /// storage, which torch stopped writing, is refused).
    func load(_ id: PickleValue, legacy: Bool) throws -> PickleValue {
        guard case .tuple(let items) = id, items.count == (legacy ? 6 : 5), case .string("storage") = items[0],
            case .global(.storageType(let dtype)) = items[1], case .string(let key) = items[2],
            case .string = items[3], case .int(let count) = items[4], count >= 0
        else {
            throw PickleError.malformed(
                "a persistent id that is not ('storage', type, key, location, numel)", position: 0)
        }
        if legacy, case .none = items[5] {
        } else if legacy {
            throw PickleError.malformed(
                "a legacy storage that is a view of another storage (written by torch < 1.0)", position: 0)
        }
        let storage = TorchStorageReference(dtype: dtype, key: key, elementCount: count)
        if let earlier = storages[key], earlier != storage {
            throw PickleError.malformed("storage \"\(key)\" named with two types or sizes", position: 0)
        }
        storages[key] = storage
        return .storage(storage)
    }
}
