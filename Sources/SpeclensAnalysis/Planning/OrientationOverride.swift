import SpeclensCheckpoints
import SpeclensDataset

/// An explicit orientation for base tensors whose name matches a regex (searched anywhere in the
/// name, NSRegularExpression syntax), written `REGEX=KIND` with KIND `out-in`, `in-out` or
/// `embedding`.
struct OrientationOverride: Sendable {
    /// The regex as given.
    let pattern: String
    /// The orientation for matching tensors.
    let orientation: MatrixOrientation
    private let expression: CompiledPattern

    /// An override from its parts.
    /// - Throws: ``AnalysisError/invalidPattern(pattern:reason:)`` for a bad regex.
    init(pattern: String, orientation: MatrixOrientation) throws {
        self.pattern = pattern
        self.orientation = orientation
        self.expression = try AnalysisError.compile(pattern)
    }

    /// Parses `"REGEX=in-out"`, `"REGEX=out-in"` or `"REGEX=embedding"` (split at the last `=`;
    /// the case names `outIn`/`inOut` and `out_in`/`in_out` are accepted too).
    /// - Throws: ``AnalysisError/invalidPattern(pattern:reason:)`` for a missing `=`, an unknown
    ///   orientation or a bad regex.
    init(_ spec: String) throws {
        guard let equals = spec.lastIndex(of: "="), equals != spec.startIndex else {
            throw AnalysisError.invalidPattern(
                pattern: spec, reason: "expected REGEX=in-out, REGEX=out-in or REGEX=embedding")
        }
        let value = String(spec[spec.index(after: equals)...])
        guard let orientation = Self.orientation(spelled: value) else {
            throw AnalysisError.invalidPattern(
                pattern: spec, reason: "unknown orientation \"\(value)\" (expected in-out, out-in or embedding)")
        }
        try self.init(pattern: String(spec[..<equals]), orientation: orientation)
    }

    /// Whether the override applies to `tensorName`.
    func matches(_ tensorName: String) -> Bool { expression.matches(tensorName) }

    /// `out-in`, `in-out`, `embedding` (any case; `_` for `-`, or no separator) → the orientation.
    static func orientation(spelled value: String) -> MatrixOrientation? {
        switch value.lowercased() {
        case "out-in", "outin", "out_in": return .outIn
        case "in-out", "inout", "in_out": return .inOut
        case "embedding": return .embedding
        default: return nil
        }
    }
}
