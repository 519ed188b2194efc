/// One LoRA-adapted layer.
///
/// Layout convention: ``outFeatures``/``inFeatures``, the factors returned by
/// ``LoRAAdapter/factors(_:)`` and ``scale`` always describe the update in the layer's own
/// `[out, in]` layout: `ΔW = scale · B · A`, B `[outFeatures, rank]`, A `[rank, inFeatures]`. For an
/// `nn.Linear` (``layerKind`` `.linear`) this is the stored layout; for a GPT-2 `Conv1D` adapted
/// with `fan_in_fan_out` (`.conv1D`) the stored weight is `[in, out]` and `ΔW_storage = ΔWᵀ`; for an
/// embedding (`.embedding`, factors `lora_embedding_A` `[r, vocab]`, `lora_embedding_B` `[dim, r]`)
/// out = dim, in = vocab and `ΔW_storage = ΔWᵀ` on the `[vocab, dim]` table. ``storageShape`` is the
/// base weight's shape.
///
/// For DoRA modules (``magnitudeTensor`` non-nil) `scale · B · A` is only the direction update;
/// the merged weight (``LoRAAdapter/mergedWeight(_:base:)``) also rescales every output row.
public struct LoRAModule: Sendable, Equatable {
    /// Module path without the `base_model.model.` prefix or the adapter name,
    /// e.g. "bert.encoder.layer.0.attention.self.query".
    public let module: String
    /// Name of the A factor tensor (`lora_A` or `lora_embedding_A`), exactly as in the adapter file.
    public let aTensor: String
    /// Name of the B factor tensor (`lora_B` or `lora_embedding_B`), exactly as in the adapter file.
    public let bTensor: String
    /// Rank r (rows of A, columns of B), checked against the config (`r` or its `rank_pattern`).
    public let rank: Int
    /// Merge scale s: `alpha / r`, or `alpha / sqrt(r)` with `use_rslora`, with this module's r
    /// and alpha (after `rank_pattern` / `alpha_pattern`).
    public let scale: Double
    /// Output features in the layer's layout: rows of B (for an embedding: the dim).
    public let outFeatures: Int
    /// Input features in the layer's layout: columns of A (for an embedding: the vocabulary size).
    public let inFeatures: Int
    /// The module's `lora_alpha` (after `alpha_pattern`).
    public let alpha: Double
    /// The adapted layer's type, which fixes how the base weight is stored relative to
    /// ``outFeatures``/``inFeatures``.
    public let layerKind: LoRALayerKind
    /// DoRA's `lora_magnitude_vector` tensor (`[outFeatures]`), or nil for plain LoRA.
    public let magnitudeTensor: String?
    /// The `lora_B` bias tensor (`lora_bias = true`), or nil. It changes the layer's bias, not its
    /// weight: it is listed in ``LoRAAdapter/otherTensors`` and does not enter the weight merge.
    public let biasTensor: String?

    /// The base weight's stored shape: `[out, in]`, or `[in, out]` when ``layerKind`` stores it
    /// transposed.
    public var storageShape: [Int] {
        layerKind.storedTransposed ? [inFeatures, outFeatures] : [outFeatures, inFeatures]
    }

    /// Whether this is a DoRA module.
    public var isDoRA: Bool { magnitudeTensor != nil }

    /// A plain LoRA `nn.Linear` module (layer kind `.linear`, alpha = scale · rank, no DoRA, no bias).
    public init(
        module: String, aTensor: String, bTensor: String, rank: Int, scale: Double,
        outFeatures: Int, inFeatures: Int
    ) {
        self.init(
            module: module, aTensor: aTensor, bTensor: bTensor, rank: rank, scale: scale,
            outFeatures: outFeatures, inFeatures: inFeatures, alpha: scale * Double(rank),
            layerKind: .linear, magnitudeTensor: nil, biasTensor: nil)
    }

    /// A module description; see the properties for the conventions.
    public init(
        module: String, aTensor: String, bTensor: String, rank: Int, scale: Double,
        outFeatures: Int, inFeatures: Int, alpha: Double, layerKind: LoRALayerKind,
        magnitudeTensor: String?, biasTensor: String?
    ) {
        self.module = module
        self.aTensor = aTensor
        self.bTensor = bTensor
        self.rank = rank
        self.scale = scale
        self.outFeatures = outFeatures
        self.inFeatures = inFeatures
        self.alpha = alpha
        self.layerKind = layerKind
        self.magnitudeTensor = magnitudeTensor
        self.biasTensor = biasTensor
    }
}
