import SpeclensCheckpoints
import SpeclensDataset

/// Which base-model tensors are analysed, and why the others are not.
///
/// Default rule: only 2-D tensors of a supported float dtype (F32, F16, BF16, F64) whose name ends
/// in `.weight`; of those, embedding tables (``TensorKind/embedding``) only with
/// ``includeEmbeddings`` and task or output heads (``TensorKind/head``) only with ``includeHeads``,
/// the kind judged by ``TensorName/kind``. Then, if ``include`` is non-empty, the name must match
/// at least one include pattern, and it must match no exclude pattern. Patterns are
/// NSRegularExpression (ICU) syntax, searched anywhere in the name (anchor with `^`/`$` if needed).
public struct MatrixSelection: Sendable {
    /// Include patterns as given.
    public let include: [String]
    /// Exclude patterns as given.
    public let exclude: [String]
    /// Whether embedding tables are analysed.
    public let includeEmbeddings: Bool
    /// Whether task and output heads are analysed.
    public let includeHeads: Bool

    private let includeExpressions: [CompiledPattern]
    private let excludeExpressions: [CompiledPattern]

    /// A selection; `include` and `exclude` are regular expressions.
    /// - Throws: ``AnalysisError/invalidPattern(pattern:reason:)`` naming the first invalid pattern.
    public init(include: [String] = [], exclude: [String] = [], includeEmbeddings: Bool = false,
                includeHeads: Bool = false) throws {
        self.include = include
        self.exclude = exclude
        self.includeEmbeddings = includeEmbeddings
        self.includeHeads = includeHeads
        self.includeExpressions = try include.map(AnalysisError.compile)
        self.excludeExpressions = try exclude.map(AnalysisError.compile)
    }

    /// nil if the tensor is analysed, else why it is left out.
    public func exclusion(for info: TensorInfo) -> ExclusionReason? {
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
        if !includeExpressions.isEmpty, !includeExpressions.contains(where: { $0.matches(info.name) }) {
            return .notIncluded
        }
        if let pattern = excludeExpressions.first(where: { $0.matches(info.name) }) {
            return .excluded(pattern: pattern.pattern)
        }
        return nil
    }
}
