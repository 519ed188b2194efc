/// A tensor that was not analysed, and why.
public struct SkippedTensor: Codable, Equatable, Sendable {
    /// Tensor name as found in its file.
    public var name: String
    /// Which checkpoint it came from.
    public var source: TensorSide
    /// Why it was left out, in words a reader understands (details such as the dtype, the shape
    /// or the pattern included).
    public var reason: String
    /// Why it was left out, as a code to group and filter by; nil only in datasets written before
    /// the code was recorded.
    public var reasonCode: SkipReason?

    public init(name: String, source: TensorSide, reason: String, reasonCode: SkipReason?) {
        self.name = name
        self.source = source
        self.reason = reason
        self.reasonCode = reasonCode
    }
}
