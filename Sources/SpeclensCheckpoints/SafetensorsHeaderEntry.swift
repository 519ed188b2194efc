/// One tensor entry of a safetensors header as parsed, before offset validation.
struct SafetensorsHeaderEntry {
    /// Tensor name.
    var name: String
    /// Element type.
    var dtype: TensorDType
    /// Shape, row-major.
    var shape: [Int]
    /// Start of the data, in bytes from the start of the data buffer.
    var begin: Int
    /// End of the data (exclusive), in bytes from the start of the data buffer.
    var end: Int
}
