import Synchronization
import Testing

@testable import SpeclensAnalysis

@Suite("Job scheduler")
struct JobSchedulerTests {
    @Test("jobs start largest first, results come back in job order")
    func largestFirstResultsInOrder() throws {
        let costs: [Double] = [1, 5, 3, 5, 2]
        let started = Mutex<[Int]>([])
        let scheduler = JobScheduler<Int>(costs: costs)
        let results = try scheduler.run(
            workers: 1,
            work: { index in
                started.withLock { $0.append(index) }
                return index * 10
            },
            finished: { _, _, _ in })
        #expect(results == [0, 10, 20, 30, 40])
        #expect(started.withLock { $0 } == [1, 3, 2, 4, 0])
    }

    @Test("the first failure is rethrown and no further job starts")
    func failureStops() {
        struct Boom: Error {}
        let started = Mutex(0)
        let scheduler = JobScheduler<Int>(costs: [3, 2, 1])
        #expect(throws: Boom.self) {
            try scheduler.run(
                workers: 1,
                work: { index in
                    started.withLock { $0 += 1 }
                    if index == 0 { throw Boom() }
                    return index
                },
                finished: { _, _, _ in })
        }
        #expect(started.withLock { $0 } == 1)
    }
}
