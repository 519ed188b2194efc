/// A catalogued quantity as read from the records of one export row, typed as the dataset holds
/// it, so that it is written exactly as the dataset writes it (a Float as a Float).
public enum MeasureValue: Sendable, Equatable {
    case integer(Int)
    case real(Double)
    case single(Float)
    case text(String)
    case flag(Bool)
    /// No value in this row (e.g. the LoRA columns of a full fine-tune).
    case absent
    case singles([Float])
    case reals([Double])
    case integers([Int])
    /// Counts at each ε of the grid.
    case counts(IntruderCounts)
    /// Values by name (tags, metrics).
    case named([String: MeasureValue])

    /// `value` when present, else ``absent``.
    public static func optional<T>(_ value: T?, _ make: (T) -> MeasureValue) -> MeasureValue {
        value.map(make) ?? .absent
    }

    /// The text of a scalar as the export writes it (Swift's shortest round-trip form, as in the
    /// dataset); nil for absent values and lists.
    public var scalarText: String? {
        switch self {
        case .integer(let value): return "\(value)"
        case .real(let value): return "\(value)"
        case .single(let value): return "\(value)"
        case .text(let value): return value
        case .flag(let value): return value ? "true" : "false"
        case .absent, .singles, .reals, .integers, .counts, .named: return nil
        }
    }

    /// The elements of a list, each as a scalar; nil for other values.
    public var elements: [MeasureValue]? {
        switch self {
        case .singles(let list): return list.map(MeasureValue.single)
        case .reals(let list): return list.map(MeasureValue.real)
        case .integers(let list): return list.map(MeasureValue.integer)
        default: return nil
        }
    }
}
