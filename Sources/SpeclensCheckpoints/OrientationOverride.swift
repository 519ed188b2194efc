/// An explicit orientation for base tensors whose name matches a regex (searched anywhere in the
/// name, NSRegularExpression syntax), e.g. from a command-line option `REGEX=in-out`.
public struct OrientationOverride: Sendable {
    /// The regex as given.
    public let pattern: String
    /// The orientation for matching tensors.
    public let orientation: MatrixOrientation
    private let expression: CompiledPattern

    /// An override from its parts.
    /// - Throws: ``CheckpointError/invalidPattern(pattern:reason:)`` for a bad regex.
    public init(pattern: String, orientation: MatrixOrientation) throws {
        self.pattern = pattern
        self.orientation = orientation
        self.expression = try CompiledPattern(pattern)
    }

    /// Parses `"REGEX=in-out"`, `"REGEX=out-in"` or `"REGEX=embedding"` (split at the last `=`).
    /// - Throws: ``CheckpointError/invalidPattern(pattern:reason:)`` for a missing `=`, an unknown
    ///   orientation or a bad regex.
    public init(_ spec: String) throws {
        guard let equals = spec.lastIndex(of: "="), equals != spec.startIndex else {
            throw CheckpointError.invalidPattern(pattern: spec, reason: "expected REGEX=in-out, REGEX=out-in or REGEX=embedding")
        }
        let value = String(spec[spec.index(after: equals)...])
        guard let orientation = MatrixOrientation(spelling: value) else {
            throw CheckpointError.invalidPattern(
                pattern: spec, reason: "unknown orientation \"\(value)\" (expected in-out, out-in or embedding)")
        }
        try self.init(pattern: String(spec[..<equals]), orientation: orientation)
    }

    /// Whether the override applies to `tensorName`.
    public func matches(_ tensorName: String) -> Bool { expression.matches(tensorName) }
}
