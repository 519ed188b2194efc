/// The tensors of an unpickled PyTorch checkpoint: the top-level dict's tensor values by name
/// (or, when it holds none, those of its `state_dict` entry, as PyTorch Lightning writes),
/// placed in the file once each storage's bytes are known.
enum TorchStateDict {
    /// Name and tensor of each tensor entry, in the pickle's order.
    static func entries(of value: PickleValue) throws -> [(name: String, tensor: TorchTensorReference)] {
        guard case .dict(let dict) = value else {
            throw PickleError.malformed("the checkpoint holds a \(value.kind), not a dict of tensors", position: 0)
        }
        var result: [(name: String, tensor: TorchTensorReference)] = []
        var names: Set<String> = []
        var nested: PickleValue?
        for (key, item) in dict.entries {
            guard case .string(let name) = key else { continue }
            if case .tensor(let tensor) = item {
                guard names.insert(name).inserted else {
                    throw PickleError.malformed("the tensor \"\(name)\" appears twice", position: 0)
                }
                result.append((name, tensor))
            } else if name == "state_dict", case .dict = item {
                nested = item
            }
        }
        if result.isEmpty, let nested { return try entries(of: nested) }
        return result
    }

    /// Tensor descriptions for `entries`, each storage's data starting at `storageStart[key]` in
    /// `file`; checks that every view lies inside its storage.
    static func tensors(
        _ entries: [(name: String, tensor: TorchTensorReference)], storageStart: [String: Int], file: String
    ) throws -> [TensorInfo] {
        try entries.map { name, tensor in
            let storage = tensor.storage
            guard let start = storageStart[storage.key] else {
                throw PickleError.malformed(
                    "tensor \"\(name)\" reads storage \"\(storage.key)\", which the file lacks", position: 0)
            }
            let size = storage.dtype.bitsPerElement / 8
            guard let count = TensorExtent.elementCount(tensor.shape),
                let spanned = TensorExtent.elementsSpanned(shape: tensor.shape, strides: tensor.strides),
                case (let end, false) = tensor.storageOffset.addingReportingOverflow(spanned),
                end <= storage.elementCount
            else {
                throw PickleError.malformed(
                    "tensor \"\(name)\" (shape \(tensor.shape), stride \(tensor.strides), offset \(tensor.storageOffset)) reaches past the end of its \(storage.elementCount)-element storage",
                    position: 0)
            }
            let contiguous = zip(tensor.shape, zip(tensor.strides, TensorExtent.rowMajorStrides(tensor.shape)))
                .allSatisfy { dimension, strides in dimension <= 1 || strides.0 == strides.1 }
            let first = start + tensor.storageOffset * size
            let elements = contiguous ? count : spanned
            return TensorInfo(
                name: name, dtype: storage.dtype, shape: tensor.shape, file: file,
                dataOffsets: first..<(first + elements * size), elementStrides: contiguous ? nil : tensor.strides)
        }
    }
}
