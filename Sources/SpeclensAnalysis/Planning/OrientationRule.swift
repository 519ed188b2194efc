import SpeclensCheckpoints
import SpeclensDataset

/// How the planner decides a matrix's ``MatrixOrientation`` (output space follows the layer,
/// not the storage):
/// 1. an explicit ``OrientationOverride`` whose regex matches the base tensor name (first match
///    wins), for every matrix that no adapter describes;
/// 2. LoRA modules: the adapter's layer kind (`lora_embedding_A/B` → ``MatrixOrientation/embedding``,
///    `fan_in_fan_out` → ``MatrixOrientation/inOut``, else ``MatrixOrientation/outIn``); overrides
///    do not change them, as the adapter's merge depends on it;
/// 3. otherwise by name: embedding tables (``TensorKind/embedding``) → ``MatrixOrientation/embedding``;
///    Conv1D layers (``conv1DModuleNames``) of a base model whose `config.json` `model_type` is a
///    transformers Conv1D family (``conv1DModelTypes``) → ``MatrixOrientation/inOut``; everything
///    else, heads included (GPT-NeoX `embed_out` is an `nn.Linear`) → ``MatrixOrientation/outIn``.
enum OrientationRule {
    /// `model_type` values (transformers 5.x) whose models use `transformers.pytorch_utils.Conv1D`
    /// for the layers in ``conv1DModuleNames``.
    static let conv1DModelTypes: Set<String> = [
        "gpt2", "openai-gpt", "imagegpt", "decision_transformer", "clvp", "clvp_decoder", "clvp_encoder",
    ]
    /// Last module-name components of the Conv1D layers in those models.
    static let conv1DModuleNames: Set<String> = ["c_attn", "c_proj", "c_fc", "q_attn"]

    /// Rule 3: the orientation inferred for base tensor `name` of a model of type `modelType`.
    static func inferred(_ name: TensorName, modelType: String?) -> MatrixOrientation {
        if name.kind == .embedding { return .embedding }
        if let modelType, conv1DModelTypes.contains(modelType.lowercased()), conv1DModuleNames.contains(name.leaf) {
            return .inOut
        }
        return .outIn
    }

    /// Rules 1 and 3: the orientation of a stored base tensor that no adapter describes.
    static func resolved(
        _ tensorName: String, modelType: String?, overrides: [OrientationOverride]
    ) -> MatrixOrientation {
        overrides.first { $0.matches(tensorName) }?.orientation
            ?? inferred(TensorName(tensorName), modelType: modelType)
    }

    /// Rule 2: the orientation of a LoRA module's base weight.
    static func orientation(of layerKind: LoRALayerKind) -> MatrixOrientation {
        switch layerKind {
        case .linear: return .outIn
        case .conv1D: return .inOut
        case .embedding: return .embedding
        }
    }
}
