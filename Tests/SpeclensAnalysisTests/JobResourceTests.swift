import Foundation
import Synchronization
import Testing

@testable import SpeclensAnalysis
@testable import SpeclensLinearAlgebra

@Suite("Matrix jobs on the machine: BLAS threads by shape, memory estimates, admission")
struct JobResourceTests {
    @Test("BLAS threads depend on the smaller side only: 1 below 4096, 2 at LLaMA-7B's 4096, 4 at 8192, at most 8")
    func threadRule() {
        #expect(BLASThreadRule.threads(rows: 768, columns: 3072) == 1)
        #expect(BLASThreadRule.threads(rows: 3072, columns: 3072) == 1)
        #expect(BLASThreadRule.threads(rows: 4096, columns: 4096) == 2)
        #expect(BLASThreadRule.threads(rows: 11008, columns: 4096) == 2)
        #expect(BLASThreadRule.threads(rows: 4096, columns: 11008) == 2)
        #expect(BLASThreadRule.threads(rows: 8192, columns: 28672) == 4)
        #expect(BLASThreadRule.threads(rows: 100_000, columns: 100_000) == 8)
        #expect(BLASThreadRule.threads(rows: 0, columns: 0) == 1)
    }

    @Test(
        "the memory estimate follows its documented formula, is symmetric in the orientation and grows with the shape")
    func estimate() {
        let (m, n, p) = (3072, 768, 768)
        // A long matrix: the float64 Gram path's term (8·p² + 2·m·p) is the larger decomposition term.
        let floats = 4 * m * n + 2 * (m + n) * p + p * p + 8 * p + (8 * p * p + 2 * m * p)
        #expect(JobMemoryEstimate.peakBytes(rows: m, columns: n) == 4 * floats + 32 << 20)
        // A square one: sgesdd's (m·n + 4·p² + 7·p + m).
        let square = 4 * 768 * 768 + 2 * 1536 * 768 + 768 * 768 + 8 * 768 + (768 * 768 + 4 * 768 * 768 + 7 * 768 + 768)
        #expect(JobMemoryEstimate.peakBytes(rows: 768, columns: 768) == 4 * square + 32 << 20)
        #expect(JobMemoryEstimate.peakBytes(rows: m, columns: n) == JobMemoryEstimate.peakBytes(rows: n, columns: m))
        #expect(JobMemoryEstimate.peakBytes(rows: 768, columns: 768) < JobMemoryEstimate.peakBytes(rows: m, columns: n))
        let llama = JobMemoryEstimate.demand(rows: 11008, columns: 4096)
        #expect(llama.threads == 2)
        #expect(llama.bytes > 2 << 30 && llama.bytes < 5 << 29)
    }

    @Test(
        "a job starts alone whatever it needs; next to others only with the same thread count, a free slot and memory left"
    )
    func admission() {
        let small = JobDemand(threads: 1, bytes: 100)
        let big = JobDemand(threads: 2, bytes: 500)
        let limited = JobAdmission(workers: 4, memoryLimit: 1000)
        #expect(limited.admits(JobDemand(threads: 8, bytes: 5000), running: []))
        #expect(limited.admits(small, running: [small, small]))
        #expect(!limited.admits(small, running: [small, small, small, small]))
        #expect(!limited.admits(small, running: [big]))
        #expect(!limited.admits(big, running: [small]))
        #expect(limited.admits(big, running: [big]))
        #expect(!limited.admits(big, running: [big, big]), "4 workers hold two 2-thread jobs")
        #expect(!limited.admits(JobDemand(threads: 1, bytes: 901), running: [small]))
        #expect(limited.admits(JobDemand(threads: 1, bytes: 900), running: [small]))
        #expect(
            !limited.admits(JobDemand(threads: 1, bytes: 1001), running: [small]), "larger than the limit: only alone")
        #expect(limited.exceedsAlone(JobDemand(threads: 1, bytes: 1001)))
        #expect(!limited.exceedsAlone(small))
        let unlimited = JobAdmission(workers: 2, memoryLimit: nil)
        #expect(unlimited.admits(JobDemand(threads: 1, bytes: .max / 4), running: [small]))
        #expect(
            !unlimited.admits(JobDemand(threads: 4, bytes: 1), running: [JobDemand(threads: 4, bytes: 1)]),
            "2 workers: one 4-thread job")
    }

    @Test(
        "the scheduler never overlaps jobs of different thread counts or exceeds the memory limit, sets each job's threads, and runs an oversized job alone"
    )
    func schedulerRespectsAdmission() throws {
        let demands = [
            JobDemand(threads: 2, bytes: 400), JobDemand(threads: 1, bytes: 300), JobDemand(threads: 1, bytes: 300),
            JobDemand(threads: 1, bytes: 1500), JobDemand(threads: 2, bytes: 400), JobDemand(threads: 1, bytes: 300),
            JobDemand(threads: 1, bytes: 200), JobDemand(threads: 1, bytes: 200),
        ]
        let admission = JobAdmission(workers: 4, memoryLimit: 1000)
        struct Log {
            var running: [Int] = []
            var violations: [String] = []
            var threadsSet: [Int: Int] = [:]
            var threads = 1
        }
        let log = Mutex(Log())
        let scheduler = JobScheduler<Int>(costs: demands.indices.map { Double(demands.count - $0) }, demands: demands)
        let results = try scheduler.run(
            admission: admission,
            setThreads: { count in log.withLock { $0.threads = count } },
            work: { index in
                log.withLock { l in
                    if l.threads != demands[index].threads {
                        l.violations.append("job \(index) runs with \(l.threads) threads")
                    }
                    l.running.append(index)
                    let others = l.running.filter { $0 != index }
                    if others.contains(where: { demands[$0].threads != demands[index].threads }) {
                        l.violations.append("mixed threads")
                    }
                    if others.count > 0, l.running.reduce(0, { $0 + demands[$1].bytes }) > 1000 {
                        l.violations.append("over the limit")
                    }
                    if demands[index].bytes > 1000, !others.isEmpty { l.violations.append("oversized job not alone") }
                }
                Thread.sleep(forTimeInterval: 0.01)
                log.withLock { $0.running.removeAll { $0 == index } }
                return index
            },
            finished: { _, _, _ in })
        #expect(results == Array(demands.indices))
        #expect(log.withLock { $0.violations } == [])
    }

    @Test("OpenBLAS takes a thread count above the one it started with, and gives it back")
    func openBLASThreads() {
        OpenBLASRuntime.withThreads(1) {
            #expect(OpenBLASRuntime.withThreads(2) { OpenBLASRuntime.threads } == 2)
            #expect(OpenBLASRuntime.threads == 1)
        }
    }
}
