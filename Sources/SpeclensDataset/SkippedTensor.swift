/// A tensor that was not analysed, and why.
public struct SkippedTensor: Codable, Equatable, Sendable {
    /// Tensor name as found in its file.
    public var name: String
    /// Which checkpoint it came from: `base`, `tuned` or `adapter`.
    public var source: String
    /// Why it was left out, in words a reader understands.
    public var reason: String

    public init(name: String, source: String, reason: String) {
        self.name = name
        self.source = source
        self.reason = reason
    }
}
