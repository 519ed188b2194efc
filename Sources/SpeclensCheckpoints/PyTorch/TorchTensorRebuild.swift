/// The arguments of `torch._utils._rebuild_tensor_v2(storage, storage_offset, size, stride,
/// requires_grad, backward_hooks[, metadata])`, checked and turned into a tensor reference.
enum TorchTensorRebuild {
    /// The tensor the arguments describe.
    /// - Parameter malformed: makes the error for a reason.
    static func tensor(_ arguments: [PickleValue], malformed: (String) -> PickleError) throws -> TorchTensorReference {
        guard (6...7).contains(arguments.count) else {
            throw malformed("_rebuild_tensor_v2 with \(arguments.count) arguments (6 or 7 expected)")
        }
        guard case .storage(let storage) = arguments[0] else {
            throw malformed("_rebuild_tensor_v2 of a \(arguments[0].kind), not of a storage")
        }
        guard case .int(let offset) = arguments[1], offset >= 0 else {
            throw malformed("_rebuild_tensor_v2 with a storage offset that is not a non-negative integer")
        }
        guard let shape = integers(arguments[2]), let strides = integers(arguments[3]), shape.count == strides.count
        else {
            throw malformed(
                "_rebuild_tensor_v2 whose size and stride are not tuples of non-negative integers of one length")
        }
        return TorchTensorReference(storage: storage, storageOffset: offset, shape: shape, strides: strides)
    }

    /// The tuple's items as non-negative integers, or nil.
    private static func integers(_ value: PickleValue) -> [Int]? {
        guard case .tuple(let items) = value else { return nil }
        var result: [Int] = []
        for item in items {
            guard case .int(let number) = item, number >= 0 else { return nil }
            result.append(number)
        }
        return result
    }
}
