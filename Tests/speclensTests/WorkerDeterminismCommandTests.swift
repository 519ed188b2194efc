import Foundation
import SpeclensTestSupport
import Testing

/// Worker counts and the memory limit change only when matrices are analysed, never the results.
@Suite("Worker counts and the memory limit through the command line", .serialized, Fixtures.enabled)
struct WorkerDeterminismCommandTests {
    @Test(
        "the MiniLM fixtures analysed with 1, 2 and 3 workers, and 3 under a 60 MiB limit, give byte-identical datasets"
    )
    func identicalAcrossWorkers() throws {
        try Fixtures.require()
        let folder = try CommandRunner.scratch()
        defer { try? FileManager.default.removeItem(at: folder) }
        let inputs = [
            Fixtures.minilm("base"), Fixtures.minilm("full"), Fixtures.minilm("lora-r8-a16"),
            "--include", "encoder\\.layer\\.0\\.", "--spectrum-buckets", "4",
        ]
        var datasets: [Data] = []
        for (index, extra) in [
            ["--workers", "1"], ["--workers", "2"], ["--workers", "3"], ["--workers", "3", "--max-memory", "60M"],
        ].enumerated() {
            let output = folder.appending(path: "d\(index).json")
            let outcome = try CommandRunner.run(["analyze"] + inputs + extra + ["-o", output.path])
            #expect(outcome.status == 0, "\(outcome.standardError)")
            datasets.append(try Data(contentsOf: output))
        }
        #expect(datasets.allSatisfy { $0 == datasets[0] })
    }

    @Test(
        "a matrix whose estimate exceeds --max-memory alone is analysed alone, with a warning naming it and the limit")
    func oversizedJobWarns() throws {
        try Fixtures.require()
        let folder = try CommandRunner.scratch()
        defer { try? FileManager.default.removeItem(at: folder) }
        let outcome = try CommandRunner.run([
            "analyze", Fixtures.minilm("base"), Fixtures.minilm("lora-r1-a2"), "--include",
            "encoder\\.layer\\.0\\.output\\.dense",
            "--max-memory", "1M", "-o", folder.appending(path: "d.json").path,
        ])
        #expect(outcome.status == 0, "\(outcome.standardError)")
        #expect(outcome.standardError.contains("warning: encoder.layer.0.output.dense.weight needs about"))
        #expect(outcome.standardError.contains("more than --max-memory 1.0 MiB; it runs alone"))
    }

    @Test("--max-memory refuses sizes that are not one")
    func badSize() throws {
        for size in ["0", "-1G", "lots", "8Q"] {
            let outcome = try CommandRunner.run(["analyze", "a", "b", "--max-memory", size])
            #expect(outcome.status != 0)
            #expect(outcome.standardError.contains("--max-memory"))
        }
    }
}
