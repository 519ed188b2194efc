/// Something the user should know about how the analysis uses the machine.
public enum ResourceNotice: Equatable, Sendable {
    /// The job for `matrix` is estimated to need `estimatedBytes`, more than `memoryLimit` on its
    /// own: it runs alone (nothing else starts while it runs), which may still exceed the limit.
    case runsAlone(matrix: String, estimatedBytes: Int, memoryLimit: Int)
}
