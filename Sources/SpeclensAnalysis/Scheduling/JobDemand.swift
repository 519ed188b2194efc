/// What one matrix job needs while it runs: OpenBLAS threads (``BLASThreadRule``) and an upper
/// estimate of its peak memory (``JobMemoryEstimate``).
struct JobDemand: Equatable, Sendable {
    /// OpenBLAS threads the job computes with.
    let threads: Int
    /// Estimated peak bytes the job holds at once.
    let bytes: Int

    init(threads: Int, bytes: Int) {
        self.threads = max(1, threads)
        self.bytes = max(0, bytes)
    }
}
