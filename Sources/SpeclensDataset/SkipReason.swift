/// Why a tensor was not analysed, as a stable code (`skipped[].reason_code` in the dataset). The
/// accompanying `reason` text gives the details (dtype, shape, pattern, names) in words.
public enum SkipReason: String, Codable, Sendable, Hashable, CaseIterable {
    /// Not a floating-point tensor (integer, bool, FP8 …).
    case unsupportedDtype = "unsupported_dtype"
    /// Fewer than two, or more than three, dimensions.
    case notAMatrix = "not_a_matrix"
    /// A 3-D tensor, e.g. fused MoE experts `[experts, out, in]` or a convolution kernel.
    case stackedMatrices = "stacked_matrices"
    /// A matrix with a zero dimension.
    case emptyMatrix = "empty_matrix"
    /// A 2-D tensor whose name does not end in `.weight` (a buffer, a bias table …).
    case notAWeight = "not_a_weight"
    /// An embedding table, and embeddings were not selected.
    case embeddingNotSelected = "embedding_not_selected"
    /// A task or output head, and heads were not selected.
    case headNotSelected = "head_not_selected"
    /// A projection outside the repeated blocks (no layer index, e.g. BERT's pooler), and heads
    /// (which select such projections too) were not selected.
    case outsideBlocks = "outside_blocks"
    /// Matched by no include pattern.
    case notIncluded = "not_included"
    /// Matched by an exclude pattern.
    case excluded
    /// A selected base matrix that the full fine-tune does not have.
    case absentFromTuned = "absent_from_tuned"
    /// A fine-tuned tensor, adapter module or saved module with no base counterpart.
    case noBaseCounterpart = "no_base_counterpart"
    /// The base and fine-tuned tensors have different shapes.
    case shapeMismatch = "shape_mismatch"
    /// A `modules_to_save` tensor named like another adapted weight.
    case nameClash = "name_clash"
    /// An adapter tensor that is neither a LoRA factor nor a saved module (e.g. a LoRA bias).
    case notALoRAFactor = "not_a_lora_factor"
    /// The matrix holds NaN or infinite values: it was not analysed, the rest of the run was.
    case nanOrInf = "nan_or_inf"
    /// The matrix holds finite values beyond ±1e15 (a damaged file): it was not analysed.
    case valuesOutOfRange = "values_out_of_range"
    /// LAPACK could not decompose the matrix (no convergence): it was not analysed, the rest was.
    case decompositionFailed = "decomposition_failed"

    /// Whether the reason is damage found while analysing (a bad matrix), as opposed to a
    /// decision of the plan; the command line reports damage with its own exit status.
    public var isDamage: Bool { self == .nanOrInf || self == .valuesOutOfRange || self == .decompositionFailed }

    /// Whether a matrix the selection asked for was left out of a run because of what the files
    /// hold (damage, or a fine-tuned tensor of another shape): the run's numbers then cover fewer
    /// matrices than asked, and the command line ends with its partial status.
    public var leavesRunPartial: Bool { isDamage || self == .shapeMismatch }
}
