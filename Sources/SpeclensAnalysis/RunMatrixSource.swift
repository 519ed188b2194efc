import SpeclensCheckpoints

/// Where one run's fine-tuned version of a base matrix comes from.
public struct RunMatrixSource: Sendable, Equatable {
    /// The tensor (or adapter module) name in the run's checkpoint.
    public let tunedName: String
    /// How the name was matched to the base name (recorded in the dataset).
    public let matchedBy: String
    /// The stored tensor or LoRA factors; nil when the run leaves the matrix unchanged.
    public let source: TunedMatrixSource?
    /// How the stored matrix maps to the layer (decides which side is the output space).
    public let orientation: MatrixOrientation
    /// A remark for readers (e.g. a fused projection analysed as one matrix).
    public let note: String?

    public init(
        tunedName: String, matchedBy: String, source: TunedMatrixSource?,
        orientation: MatrixOrientation = .outIn, note: String? = nil
    ) {
        self.tunedName = tunedName
        self.matchedBy = matchedBy
        self.source = source
        self.orientation = orientation
        self.note = note
    }
}
