/// When a job may start next to the ones running: the scheduler's admission rule, a pure function.
///
/// - Nothing running: it starts (a job whose estimate alone exceeds the memory limit therefore
///   runs alone, and only then).
/// - Its OpenBLAS thread count differs from the running jobs': it waits (the count is
///   process-global, so jobs with different counts never overlap).
/// - With `t` threads, at most `max(1, workers / t)` such jobs run at once.
/// - Its estimate plus the running jobs' must fit the memory limit, when there is one.
struct JobAdmission: Equatable, Sendable {
    /// Concurrent single-threaded jobs (`--workers`; the cores to use).
    let workers: Int
    /// The memory limit in bytes (`--max-memory`); nil for none.
    let memoryLimit: Int?

    init(workers: Int, memoryLimit: Int?) {
        self.workers = max(1, workers)
        self.memoryLimit = memoryLimit
    }

    /// Whether a job needing `job` may start while jobs needing `running` run.
    func admits(_ job: JobDemand, running: [JobDemand]) -> Bool {
        guard !running.isEmpty else { return true }
        guard running.allSatisfy({ $0.threads == job.threads }) else { return false }
        guard running.count < max(1, workers / job.threads) else { return false }
        if let memoryLimit {
            return running.reduce(job.bytes) { $0 + $1.bytes } <= memoryLimit
        }
        return true
    }

    /// Whether `job` exceeds the memory limit on its own (it then runs alone).
    func exceedsAlone(_ job: JobDemand) -> Bool {
        memoryLimit.map { job.bytes > $0 } ?? false
    }
}
