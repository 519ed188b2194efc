/// One fine-tune compared with the base.
public struct FineTuneRun: Codable, Equatable, Sendable {
    /// Short identifier, unique in the dataset (the folder name, made unique with a suffix).
    public var id: RunID
    /// Path as given on the command line.
    public var path: String
    /// Full fine-tune or LoRA adapter.
    public var kind: RunKind
    /// Adapter settings, for LoRA runs.
    public var lora: LoRARecord?
    /// Totals over the run's matrices.
    public var summary: RunSummary
    /// One record per analysed matrix, in the order of `base.matrices`.
    public var matrices: [MatrixComparison]
    /// Tensors of either checkpoint that were not analysed, with the reason, sorted by name.
    public var skipped: [SkippedTensor]
    /// Things the reader must know to interpret this run, each a sentence (e.g. an adapter made
    /// for a model of another size, or one whose modules are not all in the base).
    public var warnings: [String]
    /// Remarks that do not question the numbers, each a sentence (e.g. the adapter names its base
    /// model differently from the base's own config); nil when there are none, and then absent
    /// from the file (files written before the field existed read as nil too).
    public var notes: [String]?

    public init(
        id: RunID, path: String, kind: RunKind, lora: LoRARecord?, summary: RunSummary,
        matrices: [MatrixComparison], skipped: [SkippedTensor], warnings: [String], notes: [String]? = nil
    ) {
        self.id = id
        self.path = path
        self.kind = kind
        self.lora = lora
        self.summary = summary
        self.matrices = matrices
        self.skipped = skipped
        self.warnings = warnings
        self.notes = notes
    }
}
