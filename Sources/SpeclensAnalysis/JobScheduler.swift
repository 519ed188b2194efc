import Dispatch
import Foundation
import Synchronization

/// Runs independent jobs on a fixed number of worker threads, largest estimated cost first (so
/// that no big job is left to run alone at the end), keeps results in job order, stops taking
/// new jobs after the first failure, and reports each finished job.
final class JobScheduler<Result: Sendable>: Sendable {
    private struct State {
        var next = 0
        var results: [Result?]
        var failure: (any Error)?
        var completed = 0
        var costDone = 0.0
    }

    private let state: Mutex<State>
    private let costs: [Double]
    /// Job indices in the order they are started: descending cost, ties by index.
    private let order: [Int]

    init(costs: [Double]) {
        self.costs = costs
        order = costs.indices.sorted { (costs[$0], $1) > (costs[$1], $0) }
        state = Mutex(State(results: Array(repeating: nil, count: costs.count)))
    }

    /// Runs `work(index)` for every job on `workers` threads; `finished(index, completed,
    /// costDone)` is called (serialised) after each success. Throws the first error.
    func run(
        workers: Int, work: @Sendable (Int) throws -> Result,
        finished: @Sendable (Int, Int, Double) -> Void
    ) throws -> [Result] {
        let count = costs.count
        DispatchQueue.concurrentPerform(iterations: max(1, min(workers, count))) { _ in
            while true {
                let index: Int? = state.withLock { s in
                    guard s.failure == nil, s.next < count else { return nil }
                    defer { s.next += 1 }
                    return order[s.next]
                }
                guard let index else { return }
                do {
                    let result = try work(index)
                    state.withLock { s in
                        s.results[index] = result
                        s.completed += 1
                        s.costDone += costs[index]
                        finished(index, s.completed, s.costDone)
                    }
                } catch {
                    state.withLock { s in
                        if s.failure == nil { s.failure = error }
                    }
                }
            }
        }
        return try state.withLock { s in
            if let failure = s.failure { throw failure }
            return s.results.map { $0! }
        }
    }
}
