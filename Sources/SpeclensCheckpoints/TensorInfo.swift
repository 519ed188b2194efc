/// Where one tensor lives and what it holds, as declared by a safetensors header or a PyTorch
/// checkpoint's pickle.
public struct TensorInfo: Sendable, Equatable {
    /// Tensor name exactly as written in the file header.
    public let name: String
    /// Element type.
    public let dtype: TensorDType
    /// Shape in PyTorch order (row-major, C order); a linear weight is `[out, in]`. Empty for a scalar.
    public let shape: [Int]
    /// Path of the file holding the tensor (as it was opened, not resolved through symlinks).
    public let file: String
    /// Absolute byte range of the tensor's data in ``file``: already includes the 8-byte length
    /// prefix and the header, so `dataOffsets.lowerBound` is a file position.
    public let dataOffsets: Range<Int>
    /// For a view stored with strides (a PyTorch tensor that is not row-major contiguous, such as
    /// a transpose): the step between neighbours along each dimension, in elements, from element
    /// 0 at `dataOffsets.lowerBound`; `dataOffsets` then spans every element the view reads. Nil
    /// for a contiguous row-major tensor (every safetensors tensor).
    public let elementStrides: [Int]?

    /// A tensor description; see the properties for the conventions.
    public init(
        name: String, dtype: TensorDType, shape: [Int], file: String, dataOffsets: Range<Int>,
        elementStrides: [Int]? = nil
    ) {
        self.name = name
        self.dtype = dtype
        self.shape = shape
        self.file = file
        self.dataOffsets = dataOffsets
        self.elementStrides = elementStrides
    }
}
