import SpeclensDataset

/// Projections that pack several layers' weights into one matrix, which speclens analyses as
/// stored, with a note for the reader.
enum FusedProjection {
    /// Module leaves of fused q|k|v projections.
    static let queryKeyValue: Set<String> = ["c_attn", "qkv_proj", "query_key_value", "qkv", "Wqkv", "W_pack"]
    /// Module leaves of fused gate|up projections.
    static let gateUp: Set<String> = ["gate_up_proj", "w13"]

    /// The note for `name`'s matrix, or nil when it is not a fused projection.
    static func note(for name: TensorName) -> String? {
        if queryKeyValue.contains(name.leaf) { return "fused q|k|v projection analysed as one matrix" }
        if gateUp.contains(name.leaf) { return "fused gate|up projection analysed as one matrix" }
        return nil
    }
}
