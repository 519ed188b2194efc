import SpeclensCheckpoints
import SpeclensDataset

/// Why the planner leaves a tensor out, with the details a reader needs. Recorded in the dataset
/// as ``SkipReason`` (``code``) and a sentence (``text``).
enum ExclusionReason: Codable, Sendable, Equatable {
    /// Not a floating-point tensor.
    case unsupportedDtype(TensorDType)
    /// Fewer than two or more than three dimensions.
    case notAMatrix(shape: [Int])
    /// A 3-D tensor (fused MoE experts, a convolution kernel).
    case stackedMatrices(shape: [Int])
    /// A matrix with a zero dimension.
    case emptyMatrix(shape: [Int])
    /// A 2-D tensor whose name does not end in `.weight`.
    case notAWeight
    /// An embedding table, and embeddings are not selected.
    case embeddingNotSelected
    /// A task or output head, and heads are not selected.
    case headNotSelected
    /// A projection outside the repeated blocks (no layer index: BERT's pooler, a projection
    /// between embeddings and blocks), and heads were not selected.
    case outsideBlocks
    /// Matched by no include pattern.
    case notIncluded
    /// Matched by this exclude pattern.
    case excluded(pattern: String)
    /// A selected base matrix that the full fine-tune lacks.
    case absentFromTuned
    /// A fine-tuned tensor with no base counterpart.
    case noBaseCounterpart
    /// A LoRA module (named) whose target is not in the base.
    case adapterModuleWithoutBase(module: String)
    /// A `modules_to_save` tensor whose module is not in the base.
    case savedModuleWithoutBase
    /// The base tensor and its fine-tuned counterpart (named) differ in shape.
    case shapeMismatch(base: [Int], tuned: [Int], tunedName: String)
    /// A `modules_to_save` tensor whose base-model name (given) is taken by another adapted weight.
    case nameClash(modelName: String)
    /// An adapter tensor that is neither a LoRA factor nor a saved module.
    case notALoRAFactor
    /// Found while analysing: the tensor holds `count` NaN or infinite values.
    case nonFinite(count: Int)
    /// Found while analysing: the tensor holds `count` finite values beyond ±1e15 (the largest
    /// `largest`).
    case outOfRange(count: Int, largest: Double)
    /// Found while analysing: LAPACK `routine` did not converge (info > 0), also with the
    /// fallback routine.
    case decompositionFailed(routine: String, info: Int)

    /// The dataset's code.
    var code: SkipReason {
        switch self {
        case .unsupportedDtype: return .unsupportedDtype
        case .notAMatrix: return .notAMatrix
        case .stackedMatrices: return .stackedMatrices
        case .emptyMatrix: return .emptyMatrix
        case .notAWeight: return .notAWeight
        case .embeddingNotSelected: return .embeddingNotSelected
        case .headNotSelected: return .headNotSelected
        case .outsideBlocks: return .outsideBlocks
        case .notIncluded: return .notIncluded
        case .excluded: return .excluded
        case .absentFromTuned: return .absentFromTuned
        case .noBaseCounterpart, .adapterModuleWithoutBase, .savedModuleWithoutBase: return .noBaseCounterpart
        case .shapeMismatch: return .shapeMismatch
        case .nameClash: return .nameClash
        case .notALoRAFactor: return .notALoRAFactor
        case .nonFinite: return .nanOrInf
        case .outOfRange: return .valuesOutOfRange
        case .decompositionFailed: return .decompositionFailed
        }
    }

    /// The reason in words, with its details.
    var text: String {
        switch self {
        case .unsupportedDtype(let dtype):
            return "not a floating-point weight matrix (dtype \(dtype.rawValue))"
        case .notAMatrix(let shape) where shape.count < 2:
            return "not a matrix (shape \(shape))"
        case .notAMatrix(let shape):
            return "\(shape.count)-D tensor, not a matrix (shape \(shape))"
        case .stackedMatrices(let shape):
            return
                "3-D tensor, not a matrix (shape \(shape)): e.g. fused MoE experts [experts, out, in] or a conv kernel; skipped"
        case .emptyMatrix(let shape):
            return "empty matrix (shape \(shape)): nothing to decompose"
        case .notAWeight:
            return "not a weight (name does not end in .weight)"
        case .embeddingNotSelected:
            return "embedding table (embedding tables were not selected)"
        case .headNotSelected:
            return "task or output head (heads were not selected)"
        case .outsideBlocks:
            return "projection outside the repeated blocks, such as a pooler (selected with the heads)"
        case .notIncluded:
            return "not matched by any include pattern"
        case .excluded(let pattern):
            return "matched by exclude pattern \"\(pattern)\""
        case .absentFromTuned:
            return "absent from the fine-tuned checkpoint"
        case .noBaseCounterpart:
            return "no counterpart in the base checkpoint"
        case .adapterModuleWithoutBase(let module):
            return "no counterpart in the base checkpoint (LoRA module \(module); is this the adapter's base model?)"
        case .savedModuleWithoutBase:
            return "no counterpart in the base checkpoint (modules_to_save head)"
        case .shapeMismatch(let base, let tuned, let tunedName):
            return "shape \(base) in the base but \(tuned) in the fine-tuned checkpoint (\(tunedName))"
        case .nameClash(let modelName):
            return "modules_to_save tensor named like another adapted weight (\(modelName))"
        case .notALoRAFactor:
            return "not a LoRA factor or saved module (e.g. a LoRA bias): not analysed"
        case .nonFinite(let count):
            return "holds \(count) NaN or infinite value(s): this matrix was not analysed"
        case .outOfRange(let count, let largest):
            return
                "holds \(count) value(s) beyond ±1e15 (the largest \(largest)), far outside any trained weight: this matrix was not analysed"
        case .decompositionFailed(let routine, let info):
            return
                "the SVD did not converge (LAPACK \(routine) info \(info), also with the fallback routine): this matrix was not analysed"
        }
    }
}
