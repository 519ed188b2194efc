/// The adapter settings of a LoRA run.
public struct LoRARecord: Codable, Equatable, Sendable {
    /// Adapter rank `r` from `adapter_config.json`.
    public var r: Int
    /// `lora_alpha`.
    public var alpha: Double
    /// Whether rank-stabilised scaling was used (`s = alpha / sqrt(r)` instead of `alpha / r`).
    public var useRslora: Bool
    /// The merge scale s applied to `B·A`.
    public var scale: Double
    /// `base_model_name_or_path` as declared by the adapter (text from the file), if any.
    public var baseModelNameOrPath: String?
    /// `target_modules` as declared.
    public var targetModules: [String]
    /// `modules_to_save` as declared.
    public var modulesToSave: [String]

    public init(
        r: Int, alpha: Double, useRslora: Bool, scale: Double, baseModelNameOrPath: String?,
        targetModules: [String], modulesToSave: [String]
    ) {
        self.r = r
        self.alpha = alpha
        self.useRslora = useRslora
        self.scale = scale
        self.baseModelNameOrPath = baseModelNameOrPath
        self.targetModules = targetModules
        self.modulesToSave = modulesToSave
    }
}
