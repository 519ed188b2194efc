/// One LoRA-adapted linear layer: `ΔW = scale · B · A`, with A `[rank, inFeatures]` and
/// B `[outFeatures, rank]`, so ΔW is `[outFeatures, inFeatures]` like the base weight.
public struct LoRAModule: Sendable, Equatable {
    /// Module path without the `base_model.model.` prefix or the adapter name,
    /// e.g. "bert.encoder.layer.0.attention.self.query".
    public let module: String
    /// Name of the A factor tensor, exactly as in the adapter file.
    public let aTensor: String
    /// Name of the B factor tensor, exactly as in the adapter file.
    public let bTensor: String
    /// Rank r (rows of A, columns of B).
    public let rank: Int
    /// Merge scale s (see ``LoRAConfig/scale``).
    public let scale: Double
    /// Output features: rows of B and of the base weight.
    public let outFeatures: Int
    /// Input features: columns of A and of the base weight.
    public let inFeatures: Int

    /// A module description; see the properties for the conventions.
    public init(module: String, aTensor: String, bTensor: String, rank: Int, scale: Double,
                outFeatures: Int, inFeatures: Int) {
        self.module = module
        self.aTensor = aTensor
        self.bTensor = bTensor
        self.rank = rank
        self.scale = scale
        self.outFeatures = outFeatures
        self.inFeatures = inFeatures
    }
}
