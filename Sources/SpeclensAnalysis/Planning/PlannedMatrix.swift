import SpeclensCheckpoints
import SpeclensDataset

/// One run's version of one selected base matrix: where it comes from and how it was paired.
struct PlannedMatrix: Sendable {
    /// The name on the tuned side: the fine-tuned or saved tensor, the LoRA module name +
    /// `.weight`, or the base name when the run leaves the matrix unchanged.
    let tunedName: String
    /// How the pair was matched.
    let matchedBy: MatchedBy
    /// The orientation this run's pairing implies (a LoRA module's layer, else the rules of
    /// ``OrientationRule``).
    let orientation: MatrixOrientation
    /// How the fine-tuned matrix Wt is obtained.
    let update: MatrixUpdate
    /// For step k ≥ 2 of a stack: how the matrix goes from step k − 1 to step k, to compare the
    /// two; nil for other runs.
    var previousStep: StepUpdate?

    /// The side the tuned matrix is read from: `adapter` for LoRA updates and saved modules,
    /// `tuned` for a full fine-tune, `base` for an unchanged matrix.
    var side: TensorSide {
        switch update {
        case .lowRank, .fullRankMerge, .sequence: return .adapter
        case .replacement(_, _, _, let side): return side
        case .unchanged: return .base
        }
    }

    init(tunedName: String, matchedBy: MatchedBy, orientation: MatrixOrientation, update: MatrixUpdate) {
        self.tunedName = tunedName
        self.matchedBy = matchedBy
        self.orientation = orientation
        self.update = update
    }
}

/// How one run changes one base matrix. Each case carries what reading it needs, so a plan
/// cannot pair a LoRA module with anything but its adapter.
enum MatrixUpdate: Sendable {
    /// Wt is a stored tensor that replaces W0: a full fine-tune's weight or an adapter's
    /// `modules_to_save` copy, read from `source` (on `side`) as tensor `tensor`, stored as `dtype`.
    case replacement(source: any MatrixSource, tensor: String, dtype: StorageDType, side: TensorSide)
    /// Wt = W0 + s·B·A (plain LoRA, rsLoRA, patterns, fan_in_fan_out, embeddings).
    case lowRank(LoRAAdapter, LoRAModule)
    /// Wt is the adapter's full-rank merge (DoRA's per-row rescaling of W0 + s·B·A).
    case fullRankMerge(LoRAAdapter, LoRAModule)
    /// Wt = W0 (a LoRA run that does not adapt the matrix).
    case unchanged
    /// Several updates applied in order (the steps of a stack): exact low-rank when every one is
    /// low-rank, else merged one after the other.
    indirect case sequence([MatrixUpdate])

    /// The LoRA rank of an adapter update; nil for replacements and unchanged matrices.
    var loraRank: Int? {
        switch self {
        case .lowRank(_, let module), .fullRankMerge(_, let module): return module.rank
        case .replacement, .unchanged: return nil
        case .sequence(let updates):
            let ranks = updates.map(\.loraRank)
            return ranks.contains(nil) ? nil : ranks.reduce(0) { $0 + ($1 ?? 0) }
        }
    }
}

extension StorageDType {
    /// The storage format of a supported float dtype; nil for any other dtype.
    init?(_ dtype: TensorDType) {
        self.init(rawValue: dtype.rawValue)
    }
}
