import Dispatch
import Foundation
import SpeclensLinearAlgebra

/// Runs independent jobs on worker threads, largest estimated cost first (so that no big job is
/// left to run alone at the end), keeps results in job order, stops taking new jobs after the
/// first failure, and reports each finished job.
///
/// Jobs start strictly in that order, each once ``JobAdmission`` admits it next to the jobs
/// running (same OpenBLAS thread count, enough slots, memory within the limit); until then the
/// idle workers wait. Before a job runs, OpenBLAS is set to its thread count, which every job
/// running alongside shares (it changes only while nothing runs).
final class JobScheduler<Result: Sendable>: @unchecked Sendable {
    private struct State {
        var next = 0
        var results: [Result?]
        var failure: (any Error)?
        var completed = 0
        var costDone = 0.0
        var running: [Int: JobDemand] = [:]
        /// The thread count last set, so that it is set only when it changes (then nothing runs).
        var threads: Int?
    }

    /// Guards `state`; workers wait on it for admission.
    private let condition = NSCondition()
    private var state: State
    private let costs: [Double]
    private let demands: [JobDemand]
    /// Job indices in the order they are started: descending cost, ties by index.
    let order: [Int]

    /// - Parameters:
    ///   - costs: each job's estimated cost (the start order).
    ///   - demands: each job's threads and memory (default: one thread, no memory).
    init(costs: [Double], demands: [JobDemand]? = nil) {
        self.costs = costs
        self.demands = demands ?? costs.map { _ in JobDemand(threads: 1, bytes: 0) }
        precondition(self.demands.count == costs.count, "one demand per job")
        order = costs.indices.sorted { (costs[$0], $1) > (costs[$1], $0) }
        state = State(results: Array(repeating: nil, count: costs.count))
    }

    /// Runs `work(index)` for every job on up to `admission.workers` threads; `finished(index,
    /// completed, costDone)` is called (serialised) after each success. Throws the first error.
    /// - Parameter setThreads: sets OpenBLAS's thread count before a job runs.
    func run(
        admission: JobAdmission, setThreads: @Sendable (Int) -> Void = OpenBLASRuntime.setThreads,
        work: @Sendable (Int) throws -> Result, finished: @Sendable (Int, Int, Double) -> Void
    ) throws -> [Result] {
        let count = costs.count
        DispatchQueue.concurrentPerform(iterations: max(1, min(admission.workers, count))) { _ in
            while let index = take(admission, setThreads: setThreads) {
                do {
                    let result = try work(index)
                    locked {
                        state.results[index] = result
                        state.completed += 1
                        state.costDone += costs[index]
                        finished(index, state.completed, state.costDone)
                    }
                } catch {
                    locked {
                        if state.failure == nil { state.failure = error }
                    }
                }
                locked { state.running[index] = nil }
                condition.broadcast()
            }
        }
        return try locked {
            if let failure = state.failure { throw failure }
            return state.results.map { $0! }
        }
    }

    /// Runs `work(index)` for every job on `workers` single-threaded workers without a memory
    /// limit (see ``run(admission:setThreads:work:finished:)``).
    func run(
        workers: Int, work: @Sendable (Int) throws -> Result, finished: @Sendable (Int, Int, Double) -> Void
    ) throws -> [Result] {
        try run(
            admission: JobAdmission(workers: workers, memoryLimit: nil), setThreads: { _ in }, work: work,
            finished: finished)
    }

    /// The next job once it is admitted (waiting until then), with OpenBLAS set for it; nil when
    /// all jobs have started or one failed.
    private func take(_ admission: JobAdmission, setThreads: (Int) -> Void) -> Int? {
        condition.lock()
        defer { condition.unlock() }
        while true {
            guard state.failure == nil, state.next < costs.count else { return nil }
            let index = order[state.next]
            if admission.admits(demands[index], running: Array(state.running.values)) {
                state.next += 1
                state.running[index] = demands[index]
                if state.threads != demands[index].threads {
                    setThreads(demands[index].threads)
                    state.threads = demands[index].threads
                }
                return index
            }
            condition.wait()
        }
    }

    private func locked<T>(_ body: () throws -> T) rethrows -> T {
        condition.lock()
        defer { condition.unlock() }
        return try body()
    }
}
