/// The globals a PyTorch state dict may name, and nothing else: a pickle naming any other
/// module attribute is refused before anything is built.
enum TorchGlobal: Equatable {
    /// `collections.OrderedDict`: called with no arguments, it makes an empty dict.
    case orderedDict
    /// `torch._utils._rebuild_tensor_v2`: a tensor view of a storage.
    case rebuildTensor
    /// `torch._utils._rebuild_parameter` / `_rebuild_parameter_with_state`: `nn.Parameter` around a tensor.
    case rebuildParameter
    /// `torch.Size`: a tuple of dimensions.
    case size
    /// A typed storage class (`torch.FloatStorage` …), naming an element type.
    case storageType(TensorDType)
    /// A dtype object (`torch.float32` …), as in a tensor's metadata.
    case dtype(String)

    /// The storage classes torch writes, by name, with their element types.
    static let storageTypes: [String: TensorDType] = [
        "FloatStorage": .F32, "HalfStorage": .F16, "BFloat16Storage": .BF16, "DoubleStorage": .F64,
        "LongStorage": .I64, "IntStorage": .I32, "ShortStorage": .I16, "CharStorage": .I8,
        "ByteStorage": .U8, "BoolStorage": .BOOL,
    ]

    /// The dtype names a pickle may name as `torch.<name>`.
    static let dtypeNames: Set<String> = [
        "float32", "float16", "bfloat16", "float64", "int64", "int32", "int16", "int8", "uint8", "bool",
    ]

    /// The allow-listed global `module.name`, or nil for anything else.
    init?(module: String, name: String) {
        switch (module, name) {
        case ("collections", "OrderedDict"): self = .orderedDict
        case ("torch._utils", "_rebuild_tensor_v2"): self = .rebuildTensor
        case ("torch._utils", "_rebuild_parameter"), ("torch._utils", "_rebuild_parameter_with_state"):
            self = .rebuildParameter
        case ("torch", "Size"): self = .size
        case ("torch", _):
            if let dtype = Self.storageTypes[name] {
                self = .storageType(dtype)
            } else if Self.dtypeNames.contains(name) {
                self = .dtype(name)
            } else {
                return nil
            }
        default: return nil
        }
    }

    /// `module.name` as written in the pickle, for messages.
    var qualifiedName: String {
        switch self {
        case .orderedDict: return "collections.OrderedDict"
        case .rebuildTensor: return "torch._utils._rebuild_tensor_v2"
        case .rebuildParameter: return "torch._utils._rebuild_parameter"
        case .size: return "torch.Size"
        case .storageType(let dtype):
            return "torch." + (Self.storageTypes.first { $0.value == dtype }?.key ?? "Storage")
        case .dtype(let name): return "torch." + name
        }
    }
}
