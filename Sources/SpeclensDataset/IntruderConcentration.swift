/// One matrix holding at least half of a run's intruders at an ε: the run's count then rests on
/// that matrix (a pooler or a head can hold them all and turn a comparison of runs around), and a
/// reader must be told next to the count.
public struct IntruderConcentration: Sendable, Equatable {
    /// The matrix holding the most intruders (the first by name among equals).
    public let matrix: String
    /// Its intruders at ``epsilon``.
    public let count: Int
    /// The run's intruders at ``epsilon``, summed over its matrices.
    public let total: Int
    /// The ε read.
    public let epsilon: Double

    /// A concentration; see the properties.
    public init(matrix: String, count: Int, total: Int, epsilon: Double) {
        self.matrix = matrix
        self.count = count
        self.total = total
        self.epsilon = epsilon
    }

    /// The concentration of `run`'s intruders at `epsilon` (strict `max |cos| < ε`), or nil when
    /// no matrix holds at least half of them or the run has fewer than two.
    public static func of(_ run: FineTuneRun, atEpsilon epsilon: Double) -> IntruderConcentration? {
        var best: (name: String, count: Int)?
        var total = 0
        for matrix in run.matrices.sorted(by: { $0.name < $1.name }) {
            let count = matrix.intruders(atEpsilon: epsilon)
            total += count
            if count > (best?.count ?? 0) { best = (matrix.name, count) }
        }
        guard let best, total >= 2, 2 * best.count >= total else { return nil }
        return IntruderConcentration(matrix: best.name, count: best.count, total: total, epsilon: epsilon)
    }

    /// The warning in one sentence (the ε as given; the matrix name is untrusted text: escape it
    /// where it is shown).
    public func sentence(epsilonText: String) -> String {
        "\(count) of this run's \(total) intruders at ε = \(epsilonText) lie in one matrix, \(matrix): "
            + "the count rests on that matrix, so compare runs on the other matrices too"
    }
}
