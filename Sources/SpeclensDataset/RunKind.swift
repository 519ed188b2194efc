/// How a fine-tune was produced.
public enum RunKind: String, Codable, Equatable, Sendable {
    /// A complete fine-tuned checkpoint (every weight may have changed).
    case full
    /// A PEFT LoRA adapter, merged on the fly as `W0 + s·B·A`.
    case lora
}
