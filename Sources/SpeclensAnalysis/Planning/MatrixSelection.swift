import SpeclensCheckpoints
import SpeclensDataset

/// Which base-model tensors are analysed, and why the others are not.
///
/// Default rule: only 2-D tensors of a supported float dtype (F32, F16, BF16, F64) whose name ends
/// in `.weight`; of those, embedding tables (``TensorKind/embedding``) only with
/// ``includeEmbeddings``, and task or output heads (``TensorKind/head``) and projections outside the
/// repeated blocks (no layer index, such as BERT's pooler) only with ``includeHeads`` (or, for
/// such a projection, an include pattern matching it), the kind and layer judged by
/// ``TensorName``. A model with no repeated blocks at all keeps its projections (see
/// ``exclusions(of:)``). Then, if ``include`` is non-empty, the name must match
/// at least one include pattern, and it must match no exclude pattern. Patterns are
/// NSRegularExpression (ICU) syntax, searched anywhere in the name (anchor with `^`/`$` if needed).
struct MatrixSelection: Sendable {
    /// Include patterns as given.
    let include: [String]
    /// Exclude patterns as given.
    let exclude: [String]
    /// Whether embedding tables are analysed.
    let includeEmbeddings: Bool
    /// Whether task and output heads are analysed.
    let includeHeads: Bool

    private let includeExpressions: [CompiledPattern]
    private let excludeExpressions: [CompiledPattern]

    /// A selection; `include` and `exclude` are regular expressions.
    /// - Throws: ``AnalysisError/invalidPattern(pattern:reason:)`` naming the first invalid pattern.
    init(
        include: [String] = [], exclude: [String] = [], includeEmbeddings: Bool = false,
        includeHeads: Bool = false
    ) throws {
        self.include = include
        self.exclude = exclude
        self.includeEmbeddings = includeEmbeddings
        self.includeHeads = includeHeads
        self.includeExpressions = try include.map(AnalysisError.compile)
        self.excludeExpressions = try exclude.map(AnalysisError.compile)
    }

    /// Why each of a model's tensors is left out, by name (absent: selected). Projections outside
    /// the repeated blocks are left out only when the model has blocks (a layer-indexed weight).
    func exclusions(of tensors: [TensorInfo]) -> [String: ExclusionReason] {
        let hasBlocks = tensors.contains { $0.shape.count == 2 && TensorName($0.name).layer != nil }
        var result: [String: ExclusionReason] = [:]
        for info in tensors {
            if let reason = exclusion(for: info, modelHasBlocks: hasBlocks) { result[info.name] = reason }
        }
        return result
    }

    /// nil if the tensor is analysed, else why it is left out; `modelHasBlocks` says whether its
    /// model has layer-indexed weights (else projections outside blocks are kept).
    func exclusion(for info: TensorInfo, modelHasBlocks: Bool = true) -> ExclusionReason? {
        if !info.dtype.isSupportedMatrixType { return .unsupportedDtype(info.dtype) }
        switch info.shape.count {
        case 2: break
        case 3: return .stackedMatrices(shape: info.shape)
        default: return .notAMatrix(shape: info.shape)
        }
        if info.shape.contains(0) { return .emptyMatrix(shape: info.shape) }
        let name = TensorName(info.name)
        if !name.isWeight { return .notAWeight }
        switch name.kind {
        case .embedding where !includeEmbeddings: return .embeddingNotSelected
        case .head where !includeHeads: return .headNotSelected
        default: break
        }
        let included = includeExpressions.contains { $0.matches(info.name) }
        if !includeExpressions.isEmpty, !included { return .notIncluded }
        if name.kind == .projection, name.layer == nil, modelHasBlocks, !includeHeads, !included {
            return .outsideBlocks
        }
        if let pattern = excludeExpressions.first(where: { $0.matches(info.name) }) {
            return .excluded(pattern: pattern.pattern)
        }
        return nil
    }
}
