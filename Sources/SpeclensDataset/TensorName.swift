/// The one model of a checkpoint tensor name that selection, orientation, pairing notes and the
/// report all use: its dotted components, where it sits in the layer stack, and what kind of
/// tensor it is.
///
/// Names are read as PyTorch writes them: dotted module paths ending in the parameter name
/// (`weight`, `bias`, …). The layer is the integer component right after the first component
/// named `layer`, `layers`, `h` or `blocks`; the module is what follows that integer, without a
/// trailing `weight`. Examples: `encoder.layer.3.attention.self.query.weight` → layer 3, module
/// `attention.self.query`; `transformer.h.11.attn.c_attn.weight` → 11, `attn.c_attn`;
/// `pooler.dense.weight` → no layer, module `pooler.dense`.
public struct TensorName: Sendable, Hashable {
    /// Component names that introduce a layer index.
    public static let layerContainers: Set<String> = ["layer", "layers", "h", "blocks"]
    /// Module components that make a tensor part of a task or output head, wherever they sit in
    /// the name (`classifier.dense.weight` is part of RoBERTa's classification head; `cls` holds
    /// BERT's pre-training heads).
    public static let headModules: Set<String> = ["lm_head", "classifier", "score", "qa_outputs", "embed_out", "cls"]

    /// The name as found in the file.
    public let full: String
    /// Whether the last component is `weight`.
    public let isWeight: Bool
    /// The module path: the dotted components without a trailing `weight`.
    public let moduleComponents: [String]
    /// The layer index, or nil for tensors outside the layer stack.
    public let layer: Int?
    /// The module path inside the layer (or the whole path when ``layer`` is nil), without
    /// `.weight`.
    public let module: String

    /// Parses `full` (any string; never fails).
    public init(_ full: String) {
        self.full = full
        var components = full.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        isWeight = components.count > 1 && components.last == "weight"
        if isWeight { components.removeLast() }
        moduleComponents = components
        var found: (Int, String)?
        for i in components.indices where Self.layerContainers.contains(components[i]) {
            guard i + 1 < components.count, let index = Int(components[i + 1]), index >= 0 else { continue }
            found = (index, components[(i + 2)...].joined(separator: "."))
            break
        }
        layer = found?.0
        module = found?.1 ?? components.joined(separator: ".")
    }

    /// The last module component (`query`, `c_attn`, `embed_tokens`), or the whole name.
    public var leaf: String { moduleComponents.last ?? full }

    /// What the tensor is, from its name:
    /// - ``TensorKind/head`` when a module component is in ``headModules`` (`lm_head`, GPT-NeoX
    ///   `embed_out`, `classifier`, `score`, `qa_outputs`, BERT's `cls`);
    /// - ``TensorKind/embedding`` when the leaf is `wte`, `wpe`, `shared` (T5's tied table, a
    ///   top-level component), ends in `embedding`/`embeddings`, or starts with `embed_`
    ///   (`embed_tokens`, `embed_positions`, GPT-NeoX `embed_in`);
    /// - ``TensorKind/norm`` when the leaf names a normalisation (`LayerNorm`, `layer_norm`,
    ///   `ln_f`, `ln_1`, `norm`, `*_layernorm`, `*_norm`);
    /// - ``TensorKind/projection`` otherwise.
    public var kind: TensorKind {
        let leaf = self.leaf.lowercased()
        if moduleComponents.contains(where: Self.headModules.contains) {
            return .head
        }
        if leaf == "wte" || leaf == "wpe" || leaf.hasSuffix("embedding") || leaf.hasSuffix("embeddings")
            || leaf.hasPrefix("embed_") || (leaf == "shared" && moduleComponents.count == 1)
        {
            return .embedding
        }
        if leaf.contains("layernorm") || leaf.contains("layer_norm") || leaf == "norm" || leaf.hasSuffix("_norm")
            || leaf == "ln_f" || leaf.hasPrefix("ln_") || leaf.hasPrefix("norm")
        {
            return .norm
        }
        return .projection
    }
}
