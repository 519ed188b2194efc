import SpeclensDataset

/// A tensor the plan leaves out: its name, its side and why.
struct Exclusion: Codable, Sendable, Equatable {
    /// Tensor name as found in its file.
    let name: String
    /// The checkpoint it belongs to.
    let side: TensorSide
    /// Why it is left out.
    let reason: ExclusionReason

    init(name: String, side: TensorSide, reason: ExclusionReason) {
        self.name = name
        self.side = side
        self.reason = reason
    }

    /// The dataset's record of it.
    var record: SkippedTensor {
        SkippedTensor(name: name, source: side, reason: reason.text, reasonCode: reason.code)
    }
}
