/// Copies a strided tensor view into row-major order.
enum StridedGather {
    /// The elements of the view over `span` (element 0 at its start; `strides` in elements, one
    /// per dimension of `shape`) in row-major order, or nil if any element lies outside `span`
    /// or the element size is not a whole number of bytes.
    static func rowMajor(_ span: UnsafeRawBufferPointer, shape: [Int], strides: [Int], elementSize: Int) -> [UInt8]? {
        guard elementSize > 0, shape.count == strides.count, let count = TensorExtent.elementCount(shape) else {
            return nil
        }
        guard count > 0 else { return [] }
        guard let extent = TensorExtent.elementsSpanned(shape: shape, strides: strides),
            case (let needed, false) = extent.multipliedReportingOverflow(by: elementSize), needed <= span.count
        else { return nil }
        var output = [UInt8](repeating: 0, count: count * elementSize)
        var index = [Int](repeating: 0, count: shape.count)
        output.withUnsafeMutableBytes { target in
            for element in 0..<count {
                var offset = 0
                for dimension in 0..<shape.count { offset += index[dimension] * strides[dimension] }
                target.baseAddress!.advanced(by: element * elementSize)
                    .copyMemory(from: span.baseAddress!.advanced(by: offset * elementSize), byteCount: elementSize)
                var dimension = shape.count - 1
                while dimension >= 0 {
                    index[dimension] += 1
                    if index[dimension] < shape[dimension] { break }
                    index[dimension] = 0
                    dimension -= 1
                }
            }
        }
        return output
    }
}
