/// Which checkpoint a tensor belongs to. Raw values are the dataset's spelling.
public enum TensorSide: String, Codable, Sendable, Equatable, Hashable, Comparable, CaseIterable {
    /// The pre-trained (base) checkpoint.
    case base
    /// A full fine-tuned checkpoint.
    case tuned
    /// A PEFT adapter.
    case adapter

    public static func < (lhs: TensorSide, rhs: TensorSide) -> Bool { lhs.rawValue < rhs.rawValue }
}
