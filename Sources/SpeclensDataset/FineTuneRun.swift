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
    /// The label to show in tables and legends, verbatim from the manifest; nil: the id.
    public var label: String?
    /// Tags from the manifest (`method`, `rank`, `alpha`, `task` …), with `rank`, `alpha`, `rslora`
    /// and `dora` filled from the adapter where absent; nil in older datasets.
    public var tags: [String: TagValue]?
    /// Numbers the user measured and supplied in the manifest (accuracy, forgetting …): never
    /// computed by speclens; nil when none were given.
    public var metrics: [String: Double]?
    /// A colour fixed in the manifest; nil: derived from the label.
    public var color: RunColor?
    /// For one step of a stack (adapters applied in order on the base): the adapter paths applied
    /// up to this step; nil for other runs.
    public var stack: [String]?
    /// For an adapter written by `speclens mitigate`: what was mitigated (from its
    /// `speclens-mitigation.json`); nil otherwise.
    public var mitigation: MitigationRecord?
    /// For step k ≥ 2 of a stack: the step compared with step k − 1 instead of the base
    /// (`against_previous_step`); nil for other runs, and in datasets written before it existed.
    public var againstPreviousStep: StepComparison?

    /// The label shown to readers: ``label``, else the id.
    public var displayLabel: String { label ?? id.rawValue }

    public init(
        id: RunID, path: String, kind: RunKind, lora: LoRARecord?, summary: RunSummary,
        matrices: [MatrixComparison], skipped: [SkippedTensor], warnings: [String], notes: [String]? = nil,
        label: String? = nil, tags: [String: TagValue]? = nil, metrics: [String: Double]? = nil,
        color: RunColor? = nil, stack: [String]? = nil, mitigation: MitigationRecord? = nil,
        againstPreviousStep: StepComparison? = nil
    ) {
        self.againstPreviousStep = againstPreviousStep
        self.mitigation = mitigation
        self.label = label
        self.tags = tags
        self.metrics = metrics
        self.color = color
        self.stack = stack
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

extension FineTuneRun {
    private enum CodingKeys: String, CodingKey {
        case id, path, kind, lora, summary, matrices, skipped, warnings, notes, label, tags, metrics, color, stack
        case mitigation
        case againstPreviousStep
    }

    /// Writes every field; `lora` is written as `null` for full fine-tunes (the other optional
    /// fields are left out when absent).
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id, forKey: .id)
        try c.encode(path, forKey: .path)
        try c.encode(kind, forKey: .kind)
        try c.encode(lora, forKey: .lora)
        try c.encode(summary, forKey: .summary)
        try c.encode(matrices, forKey: .matrices)
        try c.encode(skipped, forKey: .skipped)
        try c.encode(warnings, forKey: .warnings)
        try c.encodeIfPresent(notes, forKey: .notes)
        try c.encodeIfPresent(label, forKey: .label)
        try c.encodeIfPresent(tags, forKey: .tags)
        try c.encodeIfPresent(metrics, forKey: .metrics)
        try c.encodeIfPresent(color, forKey: .color)
        try c.encodeIfPresent(stack, forKey: .stack)
        try c.encodeIfPresent(mitigation, forKey: .mitigation)
        try c.encodeIfPresent(againstPreviousStep, forKey: .againstPreviousStep)
    }
}
