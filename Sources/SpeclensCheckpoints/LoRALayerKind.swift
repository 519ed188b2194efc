/// The PEFT layer type a LoRA module adapts, which fixes how its base weight is stored relative to
/// the update `ΔW = scale · B · A` (`[outFeatures, inFeatures]`, see ``LoRAModule``).
public enum LoRALayerKind: String, Sendable, Equatable, CaseIterable {
    /// `nn.Linear`: the base weight is stored `[out, in]`, like the update.
    case linear
    /// GPT-2 `Conv1D`, adapted with `fan_in_fan_out = true`: stored `[in, out]`, the update's
    /// transpose.
    case conv1D = "conv1d"
    /// `nn.Embedding` (`lora_embedding_A/B`): the table is stored `[vocab, dim]`, the update
    /// (`[dim, vocab]`) transposed.
    case embedding

    /// Whether the stored base weight is the transpose of the update's `[out, in]`.
    public var storedTransposed: Bool { self != .linear }
}
