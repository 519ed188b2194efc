import Foundation
import SpeclensTestSupport
import Testing

/// Whether this process runs as root (Slurm is installed and its daemons run as root).
private let isRoot = getuid() == 0

@Suite("A split analysis on a real Slurm cluster")
struct SlurmShardTests {
    /// Under `CI=true` a cluster that cannot start fails the test; elsewhere it runs only as root.
    static let runs = Fixtures.required || (isRoot && Fixtures.available)

    @Test(
        "a 3-task job array of `speclens analyze --shard auto` and an afterok merge job give byte for byte the dataset of one unsplit run",
        .enabled(
            if: runs,
            "needs root to install and run Slurm (scripts/slurm/cluster.sh) and the MiniLM fixtures; always runs under CI=true"
        ),
        .timeLimit(.minutes(5)))
    func jobArrayMergesToTheWhole() throws {
        try Fixtures.require()
        let started = Date()
        let cluster = SlurmCluster(folder: URL(fileURLWithPath: "/tmp/speclens-slurm-\(UUID().uuidString.prefix(8))"))
        defer {
            _ = try? cluster.stop()
            try? FileManager.default.removeItem(at: cluster.folder)
        }
        let up = try cluster.start()
        try #require(up.status == 0, "Slurm did not start (scripts/slurm/cluster.sh start):\n\(up.output)")
        let ready = Date()

        let work = cluster.folder.appending(path: "work")
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
        let speclens = CommandRunner.executable.path
        let inputs = [Fixtures.minilm("base"), Fixtures.minilm("lora-r8-a16")]
        let options = ["--include", #"encoder\.layer\.[0-2]\."#, "--no-controls"]
        let whole = try CommandRunner.run(["analyze"] + inputs + options + ["-o", "whole.json"], in: work)
        try #require(whole.status == 0, "\(whole.standardError)")

        let analyze = work.appending(path: "analyze.sbatch")
        try """
        #!/bin/sh
        exec \(Self.quoted([speclens, "analyze"] + inputs + options + ["--shard", "auto"])) -o "part-$SLURM_ARRAY_TASK_ID.json"

        """.write(to: analyze, atomically: true, encoding: .utf8)
        let merge = work.appending(path: "merge.sbatch")
        try """
        #!/bin/sh
        exec \(Self.quoted([speclens, "merge", "part-0.json", "part-1.json", "part-2.json", "-o", "merged.json"]))

        """.write(to: merge, atomically: true, encoding: .utf8)
        let submitted = Date()
        let array = try cluster.submit(
            analyze, options: ["--array=0-2", "--chdir=\(work.path)", "--output=\(work.path)/analyze-%a.out"])
        let merged = try cluster.submit(
            merge,
            options: [
                "--dependency=afterok:\(array)", "--kill-on-invalid-dep=yes", "--chdir=\(work.path)",
                "--output=\(work.path)/merge.out",
            ])
        do {
            try cluster.wait(for: [array, merged], timeout: 180)
        } catch {
            Issue.record("\(error)\n\(cluster.log())")
            throw error
        }
        let finished = Date()
        let jobOutput =
            (try? FileManager.default.contentsOfDirectory(atPath: work.path))?.filter { $0.hasSuffix(".out") }.sorted()
            .map { name in
                "----- \(name)\n" + ((try? String(contentsOf: work.appending(path: name), encoding: .utf8)) ?? "")
            }
            .joined(separator: "\n") ?? ""
        #expect(try cluster.states(of: array) == ["COMPLETED", "COMPLETED", "COMPLETED"], "\(jobOutput)")
        #expect(try cluster.states(of: merged) == ["COMPLETED"], "\(jobOutput)")
        let mergedData = try Data(contentsOf: work.appending(path: "merged.json"))
        #expect(mergedData == (try Data(contentsOf: work.appending(path: "whole.json"))))
        print(
            String(
                format: "Slurm shard test: cluster up in %.1f s, 3 shards + merge in %.1f s, %.1f s in all",
                ready.timeIntervalSince(started), finished.timeIntervalSince(submitted),
                finished.timeIntervalSince(started)))
    }

    /// `words` as one POSIX shell command line, each single-quoted.
    static func quoted(_ words: [String]) -> String {
        words.map { "'" + $0.replacingOccurrences(of: "'", with: #"'\''"#) + "'" }.joined(separator: " ")
    }
}
