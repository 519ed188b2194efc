/// A value the restricted unpickler (``RestrictedUnpickler``) can build: plain data, containers,
/// a reference to an allow-listed global, and the two torch objects a state dict is made of.
/// Nothing here can run code: a global is only a name until the unpickler rebuilds it into one of
/// these values itself.
indirect enum PickleValue {
    case none
    case bool(Bool)
    case int(Int)
    /// An integer beyond 64 bits, as its little-endian two's-complement bytes (the legacy format's
    /// magic number is one).
    case largeInt([UInt8])
    case float(Double)
    case string(String)
    case bytes([UInt8])
    case tuple([PickleValue])
    /// A list, mutable while the pickle appends to it (a memo entry may alias it).
    case list(PickleList)
    /// A dict (`{}` or `collections.OrderedDict`), mutable while the pickle sets items.
    case dict(PickleDict)
    /// An allow-listed global, not yet applied.
    case global(TorchGlobal)
    /// A storage named by a persistent id.
    case storage(TorchStorageReference)
    /// A tensor rebuilt by `torch._utils._rebuild_tensor_v2` (or a parameter around one).
    case tensor(TorchTensorReference)

    /// A short name of the value's kind, for error messages.
    var kind: String {
        switch self {
        case .none: return "None"
        case .bool: return "bool"
        case .int, .largeInt: return "int"
        case .float: return "float"
        case .string: return "str"
        case .bytes: return "bytes"
        case .tuple: return "tuple"
        case .list: return "list"
        case .dict: return "dict"
        case .global(let global): return global.qualifiedName
        case .storage: return "storage"
        case .tensor: return "tensor"
        }
    }
}

/// A pickled list, shared by reference between the stack and the memo.
final class PickleList {
    var items: [PickleValue] = []
    /// Nesting depth of the deepest item plus one (bounded by the unpickler).
    var depth = 1
}

/// A pickled dict, shared by reference between the stack and the memo; keys kept in insertion
/// order (a state dict's order).
final class PickleDict {
    var entries: [(key: PickleValue, value: PickleValue)] = []
    /// Nesting depth of the deepest key or value plus one (bounded by the unpickler).
    var depth = 1
}

/// A storage as a persistent id names it: `('storage', torch.<Type>Storage, key, location, numel)`.
struct TorchStorageReference: Equatable {
    /// Element type, from the storage class.
    let dtype: TensorDType
    /// The key: the entry `data/<key>` in a zip archive, or the storage's key in a legacy file.
    let key: String
    /// Elements in the whole storage.
    let elementCount: Int
}

/// A tensor as `_rebuild_tensor_v2(storage, storage_offset, size, stride, …)` describes it.
struct TorchTensorReference: Equatable {
    let storage: TorchStorageReference
    /// Offset of element 0 in the storage, in elements.
    let storageOffset: Int
    /// Shape, PyTorch order.
    let shape: [Int]
    /// Strides in elements, one per dimension.
    let strides: [Int]
}
