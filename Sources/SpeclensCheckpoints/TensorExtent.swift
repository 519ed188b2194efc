/// Element counts of shapes and strided views, with overflow checked.
enum TensorExtent {
    /// The product of `shape`, or nil on overflow.
    static func elementCount(_ shape: [Int]) -> Int? {
        var count = 1
        for dimension in shape {
            guard dimension >= 0, case (let product, false) = count.multipliedReportingOverflow(by: dimension) else {
                return nil
            }
            count = product
        }
        return count
    }

    /// How many elements from element 0 a view reaches: 1 + Σ (size − 1)·stride, 0 for an empty
    /// view; nil on overflow.
    static func elementsSpanned(shape: [Int], strides: [Int]) -> Int? {
        guard !shape.contains(0) else { return 0 }
        var last = 0
        for (size, stride) in zip(shape, strides) {
            guard stride >= 0, case (let step, false) = (size - 1).multipliedReportingOverflow(by: stride),
                case (let sum, false) = last.addingReportingOverflow(step)
            else { return nil }
            last = sum
        }
        return last + 1
    }

    /// The row-major (C order) strides of `shape`.
    static func rowMajorStrides(_ shape: [Int]) -> [Int] {
        var strides = [Int](repeating: 1, count: shape.count)
        var step = 1
        for dimension in shape.indices.reversed() {
            strides[dimension] = step
            step = step &* max(shape[dimension], 1)
        }
        return strides
    }
}
