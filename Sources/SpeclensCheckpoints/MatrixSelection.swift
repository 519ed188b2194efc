import Foundation

/// Which base-model tensors are analysed, and why the others are not.
///
/// Default rule: only 2-D tensors of a supported float dtype (F32, F16, BF16, F64) whose name ends
/// in `.weight`; embedding tables (name contains `embed`, or a component `wte`/`wpe`) only with
/// `includeEmbeddings`; task heads (a component `lm_head`, `classifier`, `score`, `qa_outputs`, or
/// `cls.predictions` in the name) only with `includeHeads`. Then, if `include` is non-empty, the name
/// must match at least one include pattern, and it must match no exclude pattern. Patterns are
/// NSRegularExpression (ICU) syntax, searched anywhere in the name (anchor with `^`/`$` if needed).
public struct MatrixSelection: Sendable {
    /// Include patterns as given.
    public let include: [String]
    /// Exclude patterns as given.
    public let exclude: [String]
    /// Whether embedding tables are analysed.
    public let includeEmbeddings: Bool
    /// Whether task heads are analysed.
    public let includeHeads: Bool

    private let includeExpressions: [CompiledPattern]
    private let excludeExpressions: [CompiledPattern]

    /// A selection; `include` and `exclude` are regular expressions.
    /// - Throws: ``CheckpointError/invalidPattern(pattern:reason:)`` naming the first invalid pattern.
    public init(include: [String] = [], exclude: [String] = [], includeEmbeddings: Bool = false,
                includeHeads: Bool = false) throws {
        self.include = include
        self.exclude = exclude
        self.includeEmbeddings = includeEmbeddings
        self.includeHeads = includeHeads
        self.includeExpressions = try include.map(CompiledPattern.init)
        self.excludeExpressions = try exclude.map(CompiledPattern.init)
    }

    /// nil if the tensor is analysed, else the reason (human words) it is left out.
    public func exclusionReason(for info: TensorInfo) -> String? {
        if !info.dtype.isSupportedMatrixType {
            return "not a floating-point weight matrix (dtype \(info.dtype.rawValue))"
        }
        if info.shape.count < 2 {
            return "not a matrix (shape \(info.shape))"
        }
        if info.shape.count > 2 {
            if info.shape.count == 3 {
                return "3-D tensor, not a matrix (shape \(info.shape)): e.g. fused MoE experts [experts, out, in] or a conv kernel; skipped"
            }
            return "\(info.shape.count)-D tensor, not a matrix (shape \(info.shape))"
        }
        if info.shape.contains(0) {
            return "empty matrix (shape \(info.shape)): nothing to decompose"
        }
        if !info.name.hasSuffix(".weight") {
            return "not a weight (name does not end in .weight)"
        }
        let components = info.name.split(separator: ".").map(String.init)
        if !includeEmbeddings,
           info.name.lowercased().contains("embed") || components.contains("wte") || components.contains("wpe") {
            return "embedding table; pass --include-embeddings"
        }
        if !includeHeads,
           components.contains(where: { ["lm_head", "classifier", "score", "qa_outputs"].contains($0) })
            || info.name.contains("cls.predictions") {
            return "task head; pass --include-heads"
        }
        if !includeExpressions.isEmpty, !includeExpressions.contains(where: { $0.matches(info.name) }) {
            return "not matched by any --include pattern"
        }
        if let pattern = excludeExpressions.first(where: { $0.matches(info.name) }) {
            return "matched by --exclude pattern \"\(pattern.pattern)\""
        }
        return nil
    }
}
