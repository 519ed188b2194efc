/// Intruder counts at each ε of a grid. Written in JSON as an object keyed by ``EpsilonKey``
/// (`{"0.05": 0, …, "0.95": 7}`), as datasets always held it; read back the same way.
///
/// A count is looked up by its ε (``subscript(_:)``), rounded to the grid's two decimals as the
/// keys are; ``epsilons`` lists the ε values in numeric order.
public struct IntruderCounts: Codable, Equatable, Sendable, ExpressibleByDictionaryLiteral {
    /// Counts keyed by ``EpsilonKey`` (`"0.50"`).
    private var counts: [String: Int]

    /// No counts.
    public init() { counts = [:] }

    /// The counts of `pairs` (an ε given twice keeps its last count).
    public init(_ pairs: [(epsilon: Double, count: Int)]) {
        counts = Dictionary(
            pairs.map { (EpsilonKey.string($0.epsilon), $0.count) }, uniquingKeysWith: { _, last in last })
    }

    /// How many of `maxCosines` are below each ε of `grid` (strict `<`, as intruders are counted).
    public init(maxCosines: [Float], grid: [Double]) {
        self.init(grid.map { epsilon in (epsilon, maxCosines.reduce(0) { $0 + (Double($1) < epsilon ? 1 : 0) }) })
    }

    /// Counts by ε, e.g. `[0.5: 1, 0.9: 3]`.
    public init(dictionaryLiteral elements: (Double, Int)...) {
        self.init(elements.map { (epsilon: $0.0, count: $0.1) })
    }

    /// The count at `epsilon`; nil when the grid has no such ε.
    public subscript(_ epsilon: Double) -> Int? {
        get { counts[EpsilonKey.string(epsilon)] }
        set { counts[EpsilonKey.string(epsilon)] = newValue }
    }

    /// The ε values counted at, ascending.
    public var epsilons: [Double] {
        counts.keys.compactMap(Double.init).sorted()
    }

    /// Each ε with its count, ε ascending.
    public var pairs: [(epsilon: Double, count: Int)] {
        counts.compactMap { key, count in Double(key).map { (epsilon: $0, count: count) } }.sorted {
            $0.epsilon < $1.epsilon
        }
    }

    /// The counts of `a` and `b` added at each ε either has.
    public static func + (a: IntruderCounts, b: IntruderCounts) -> IntruderCounts {
        IntruderCounts(counts: a.counts.merging(b.counts, uniquingKeysWith: +))
    }

    private init(counts: [String: Int]) { self.counts = counts }

    /// The sum of `list` at each ε of `grid` (an ε a member lacks counts as 0).
    public static func sum(_ list: [IntruderCounts], grid: [Double]) -> IntruderCounts {
        IntruderCounts(grid.map { epsilon in (epsilon, list.reduce(0) { $0 + ($1[epsilon] ?? 0) }) })
    }

    public init(from decoder: any Decoder) throws {
        counts = try decoder.singleValueContainer().decode([String: Int].self)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(counts)
    }
}
