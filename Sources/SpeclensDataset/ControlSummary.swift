/// A null control summed over the matrices of a run that have it.
public struct ControlSummary: Codable, Equatable, Sendable {
    /// Which random update.
    public var kind: NullControlKind
    /// Matrices that have this control.
    public var matrices: Int
    /// Intruders summed over those matrices at each ε of the grid.
    public var intrudersByEpsilon: IntruderCounts
    /// The run's own intruders summed over the same matrices, to compare with.
    public var runIntrudersByEpsilon: IntruderCounts

    public init(
        kind: NullControlKind, matrices: Int, intrudersByEpsilon: IntruderCounts, runIntrudersByEpsilon: IntruderCounts
    ) {
        self.kind = kind
        self.matrices = matrices
        self.intrudersByEpsilon = intrudersByEpsilon
        self.runIntrudersByEpsilon = runIntrudersByEpsilon
    }
}
