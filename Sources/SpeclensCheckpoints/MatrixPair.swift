/// A base matrix and its fine-tuned counterpart, to be compared.
public struct MatrixPair: Sendable, Equatable {
    /// Tensor name in the base checkpoint.
    public let baseName: String
    /// Name on the tuned side: the tuned tensor, the adapter's saved tensor, or the LoRA module
    /// name + ".weight" (e.g. "bert.encoder.layer.0.attention.self.query.weight").
    public let tunedName: String
    /// How the names were matched, read as the change that turns ``tunedName`` into ``baseName``:
    /// `exact`, `removed prefix "bert."` (tuned `bert.x.weight` ↔ base `x.weight`), or
    /// `added prefix "model."` (tuned `x.weight` ↔ base `model.x.weight`); prefixed with
    /// `modules_to_save, ` for an adapter's saved tensor, and with `rewritten by "FROM=TO", ` when a
    /// ``NameRewrite`` changed the tuned name before matching.
    public let matchedBy: String
    /// Shape of both matrices as STORED (row-major): `[out, in]` for `.outIn`, `[in, out]` for
    /// `.inOut`, `[vocab, dim]` for `.embedding`.
    public let shape: [Int]
    /// Where the tuned matrix comes from.
    public let source: TunedMatrixSource
    /// How the stored matrices map to the layer's output space: the analysis uses the stored
    /// matrices transposed when `orientation.transposed` (see ``MatrixOrientation`` for how it is decided).
    public let orientation: MatrixOrientation
    /// A remark for readers, e.g. "fused q|k|v projection analysed as one matrix"; nil if none.
    public let note: String?

    /// A pair; see the properties for the conventions.
    public init(baseName: String, tunedName: String, matchedBy: String, shape: [Int], source: TunedMatrixSource,
                orientation: MatrixOrientation = .outIn, note: String? = nil) {
        self.baseName = baseName
        self.tunedName = tunedName
        self.matchedBy = matchedBy
        self.shape = shape
        self.source = source
        self.orientation = orientation
        self.note = note
    }

    /// The note for a fused projection, from the last module component of `tensorName`:
    /// `c_attn`, `qkv_proj`, `query_key_value`, `qkv`, `Wqkv`, `W_pack` → "fused q|k|v projection
    /// analysed as one matrix"; `gate_up_proj` → "fused gate|up projection analysed as one matrix".
    public static func fusedProjectionNote(_ tensorName: String) -> String? {
        var components = tensorName.split(separator: ".").map(String.init)
        if components.last == "weight" { components.removeLast() }
        guard let last = components.last else { return nil }
        if ["c_attn", "qkv_proj", "query_key_value", "qkv", "Wqkv", "W_pack"].contains(last) {
            return "fused q|k|v projection analysed as one matrix"
        }
        if ["gate_up_proj", "w13"].contains(last) {
            return "fused gate|up projection analysed as one matrix"
        }
        return nil
    }
}
