/// What a tensor is in its model, judged from its name alone (see ``TensorName/kind``).
public enum TensorKind: String, Codable, Sendable, Equatable, Hashable, CaseIterable {
    /// A linear projection inside the model (attention, MLP, pooler …): analysed by default.
    case projection
    /// An input embedding table `[vocab, dim]` (token, position, type embeddings; T5 `shared`).
    case embedding
    /// An output or task head (`lm_head`, GPT-NeoX `embed_out`, `classifier`, `score`,
    /// `qa_outputs`, BERT's pre-training heads `cls.*`).
    case head
    /// A normalisation layer's parameter (`LayerNorm`, `ln_f`, `norm`, `*_layernorm`).
    case norm
}
