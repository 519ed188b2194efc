/// Where a weight sits in a model, derived from its tensor name: the layer index (if any) and the
/// module path within that layer.
///
/// The layer is the integer component right after the first component named `layer`, `layers`,
/// `h` or `blocks`; the module is the components after that integer, joined by ".", without a
/// trailing ".weight". With no layer, the module is the whole name without ".weight".
/// Examples: "encoder.layer.3.attention.self.query.weight" → (3, "attention.self.query");
/// "transformer.h.11.attn.c_attn.weight" → (11, "attn.c_attn"); "pooler.dense.weight" → (nil, "pooler.dense").
public struct TensorLocation: Sendable, Equatable {
    /// Component names that introduce a layer index.
    public static let layerContainers: Set<String> = ["layer", "layers", "h", "blocks"]

    /// Zero-based layer index as written in the name, or nil for tensors outside the layer stack.
    public let layer: Int?
    /// Module path inside the layer (or the whole name without ".weight" when `layer` is nil).
    public let module: String

    /// A location from its parts.
    public init(layer: Int?, module: String) {
        self.layer = layer
        self.module = module
    }

    /// Derives the location of `tensorName` (see the type description for the rule).
    public init(tensorName: String) {
        let trimmed = tensorName.hasSuffix(".weight") ? String(tensorName.dropLast(".weight".count)) : tensorName
        let components = trimmed.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        for i in components.indices where TensorLocation.layerContainers.contains(components[i]) {
            guard i + 1 < components.count, let index = Int(components[i + 1]), index >= 0 else { continue }
            self.init(layer: index, module: components[(i + 2)...].joined(separator: "."))
            return
        }
        self.init(layer: nil, module: trimmed)
    }
}
