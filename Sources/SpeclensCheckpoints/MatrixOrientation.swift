/// How a stored 2-D weight maps to the layer's output space (analyses.md §1: "output space follows
/// the layer, not the storage"). The analysis compares output-space singular vectors, so it works on
/// the matrix in ANALYSIS orientation `[out, in]`: the stored matrix, transposed when ``transposed``.
///
/// How speclens decides (see ``MatrixPairing/plan(base:tuned:selection:rewrites:orientationOverrides:)``):
/// 1. an explicit ``OrientationOverride`` whose regex matches the base tensor name (first match wins);
/// 2. LoRA modules: the adapter's layer kind: `lora_embedding_A/B` → ``embedding``,
///    `fan_in_fan_out = true` → ``inOut``, else ``outIn`` (the adapter's merge depends on this, so
///    overrides do not change LoRA modules);
/// 3. otherwise by name: embedding tables (``MatrixOrientation/isEmbeddingName(_:)``) → ``embedding``;
///    Conv1D layers (`c_attn`, `c_proj`, `c_fc`, `q_attn`) of a base model whose `config.json`
///    `model_type` is a transformers Conv1D family (``conv1DModelTypes``) → ``inOut``;
///    everything else → ``outIn`` (`nn.Linear`).
public enum MatrixOrientation: String, Sendable, Equatable, CaseIterable {
    /// `nn.Linear`: stored `[out, in]`, analysed as stored.
    case outIn
    /// GPT-2 `Conv1D`: stored `[in, out]`, analysed transposed.
    case inOut
    /// An embedding table stored `[vocab, dim]`: the dim space is the output space, analysed transposed.
    case embedding

    /// Whether the stored matrix is transposed before analysis.
    public var transposed: Bool { self != .outIn }

    /// `model_type` values (transformers 5.x) whose models use `transformers.pytorch_utils.Conv1D`
    /// for the layers in ``conv1DModuleNames``.
    public static let conv1DModelTypes: Set<String> = [
        "gpt2", "openai-gpt", "imagegpt", "decision_transformer", "clvp", "clvp_decoder", "clvp_encoder",
    ]
    /// Last module-name components of the Conv1D layers in those models.
    public static let conv1DModuleNames: Set<String> = ["c_attn", "c_proj", "c_fc", "q_attn"]

    /// Whether `tensorName` names an embedding table: the component before the final `.weight` is
    /// `wte` or `wpe`, ends in `embedding`/`embeddings` (`word_embeddings`, `tok_embeddings`), or
    /// starts with `embed_` except `embed_out` (GPT-NeoX's output head, a Linear).
    public static func isEmbeddingName(_ tensorName: String) -> Bool {
        var components = tensorName.split(separator: ".").map(String.init)
        if components.last == "weight" { components.removeLast() }
        guard let last = components.last?.lowercased() else { return false }
        if last == "wte" || last == "wpe" { return true }
        if last.hasSuffix("embedding") || last.hasSuffix("embeddings") { return true }
        return last.hasPrefix("embed_") && last != "embed_out"
    }

    /// The orientation speclens infers for base tensor `tensorName` of a model whose `config.json`
    /// has `model_type` `modelType` (rule 3 of the type description).
    public static func inferred(tensorName: String, modelType: String?) -> MatrixOrientation {
        if isEmbeddingName(tensorName) { return .embedding }
        if let modelType, conv1DModelTypes.contains(modelType.lowercased()) {
            var components = tensorName.split(separator: ".").map(String.init)
            if components.last == "weight" { components.removeLast() }
            if let last = components.last, conv1DModuleNames.contains(last) { return .inOut }
        }
        return .outIn
    }

    /// The orientation of a stored base tensor that no adapter describes: the first override whose
    /// pattern matches `tensorName`, else ``inferred(tensorName:modelType:)``.
    public static func resolved(
        tensorName: String, modelType: String?, overrides: [OrientationOverride]
    ) -> MatrixOrientation {
        overrides.first { $0.matches(tensorName) }?.orientation
            ?? inferred(tensorName: tensorName, modelType: modelType)
    }

    /// Parses `out-in`, `in-out` or `embedding` (also the case names `outIn`, `inOut`).
    public init?(spelling: String) {
        switch spelling.lowercased() {
        case "out-in", "outin", "out_in": self = .outIn
        case "in-out", "inout", "in_out": self = .inOut
        case "embedding": self = .embedding
        default: return nil
        }
    }
}
