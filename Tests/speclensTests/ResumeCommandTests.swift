import Foundation
import SpeclensCheckpoints
import SpeclensTestSupport
import Testing

@Suite("An interrupted analysis resumes from its journal", .serialized)
struct ResumeCommandTests {
    /// The number of matrices: 10 layers × 4 projections of 384 × 384 (about 0.15 s each).
    static let matrices = 40

    /// A base and a full fine-tune of it (small dense noise on every matrix) in `folder`, of
    /// `size × size` matrices.
    static func writeCheckpoints(into folder: URL, size: Int = 384) throws {
        // Values uniform in [-0.5, 0.5).
        var random = SeededFloats(seed: 7)
        try LayeredCheckpoints(layers: 10, modules: ["q", "k", "v", "o"]).write(
            into: folder.path,
            base: { _, _ in Matrix(rows: size, columns: size, values: random.signedUnits(size * size).map { 0.5 * $0 })
            },
            variants: [
                (
                    "tuned.safetensors",
                    { w0, _, _ in
                        Matrix(
                            rows: size, columns: size, values: w0.values.map { $0 + 0.1 * (0.5 * random.signedUnit()) })
                    }
                )
            ])
    }

    /// `analyze base tuned -o OUTPUT` plus `extra`.
    static func analyze(_ output: String, _ extra: [String] = []) -> [String] {
        ["analyze", "base.safetensors", "tuned.safetensors", "-o", output] + extra
    }

    /// Starts `speclens arguments…` in `folder` and sends `signal` once its journal holds at least
    /// `lines` lines (the header and one per finished matrix). Returns whether the signal reached
    /// the process before it ended, and its exit status (or 128 + the signal).
    static func interrupt(
        _ arguments: [String], in folder: URL, journal: String, atLines lines: Int, with signal: Int32
    ) throws -> (interrupted: Bool, status: Int32, standardError: String) {
        let process = Process()
        process.executableURL = CommandRunner.executable
        process.arguments = arguments
        process.currentDirectoryURL = folder
        process.environment = TestEnvironment.speclens
        let errors = folder.appending(path: "stderr-\(UUID().uuidString).txt")
        _ = FileManager.default.createFile(atPath: errors.path, contents: nil)
        let errorHandle = try FileHandle(forWritingTo: errors)
        process.standardError = errorHandle
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        // Count the journal's lines incrementally (it only grows while the process runs).
        var seen = 0
        var offset: UInt64 = 0
        var interrupted = false
        let path = folder.appending(path: journal).path
        let deadline = Date().addingTimeInterval(120)
        while process.isRunning, Date() < deadline {
            if let handle = FileHandle(forReadingAtPath: path) {
                try? handle.seek(toOffset: offset)
                let chunk = handle.readDataToEndOfFile()
                try? handle.close()
                offset += UInt64(chunk.count)
                seen += chunk.reduce(0) { $0 + ($1 == UInt8(ascii: "\n") ? 1 : 0) }
            }
            if seen >= lines {
                interrupted = kill(process.processIdentifier, signal) == 0 && process.isRunning
                break
            }
            usleep(2_000)
        }
        process.waitUntilExit()
        try errorHandle.close()
        let text = (try? String(contentsOf: errors, encoding: .utf8)) ?? ""
        try? FileManager.default.removeItem(at: errors)
        let status =
            process.terminationReason == .uncaughtSignal ? 128 + process.terminationStatus : process.terminationStatus
        return (interrupted, status, text)
    }

    @Test(
        "kill -9 after the first matrix, at 25 %, 50 %, 80 % and with every matrix journaled (while the dataset is assembled and written): the same command then writes byte for byte the uninterrupted dataset and removes the journal; after 80 % it takes at most half the time"
    )
    func killedAndResumed() throws {
        let folder = try CommandRunner.scratch()
        defer { try? FileManager.default.removeItem(at: folder) }
        try Self.writeCheckpoints(into: folder)
        let started = Date()
        let whole = try CommandRunner.run(Self.analyze("whole.json"), in: folder)
        let fullTime = Date().timeIntervalSince(started)
        try #require(whole.status == 0, "\(whole.standardError)")
        #expect(!FileManager.default.fileExists(atPath: folder.appending(path: "whole.json.journal").path))
        let reference = try Data(contentsOf: folder.appending(path: "whole.json"))

        var resumeAfter80 = 0.0
        for (point, lines) in [("first", 2), ("25", 11), ("50", 21), ("80", 33), ("final", Self.matrices + 1)] {
            let output = "killed-\(point).json"
            var killed = false
            for _ in 0..<3 where !killed {
                try? FileManager.default.removeItem(at: folder.appending(path: output))
                killed = try Self.interrupt(
                    Self.analyze(output, ["--fresh"]), in: folder, journal: output + ".journal", atLines: lines,
                    with: SIGKILL
                ).interrupted
            }
            #expect(killed, "the analysis ended before it could be killed at \(point)")
            let resumeStart = Date()
            let resumed = try CommandRunner.run(Self.analyze(output), in: folder)
            if point == "80" { resumeAfter80 = Date().timeIntervalSince(resumeStart) }
            #expect(resumed.status == 0, "\(point): \(resumed.standardError)")
            #expect(try Data(contentsOf: folder.appending(path: output)) == reference, "\(point)")
            #expect(
                !FileManager.default.fileExists(atPath: folder.appending(path: output + ".journal").path), "\(point)")
        }
        #expect(resumeAfter80 <= fullTime / 2, "resume after 80 %: \(resumeAfter80) s; uninterrupted: \(fullTime) s")
        print(
            String(
                format: "Resume test: uninterrupted %.2f s, resumed after a kill at 80 %% %.2f s", fullTime,
                resumeAfter80))
    }

    @Test(
        "Ctrl-C stops after the matrices being analysed: exit 130, a message saying how many are kept; a torn last journal line is dropped on resume; the dataset is the uninterrupted one"
    )
    func controlC() throws {
        let folder = try CommandRunner.scratch()
        defer { try? FileManager.default.removeItem(at: folder) }
        try Self.writeCheckpoints(into: folder)
        #expect(try CommandRunner.run(Self.analyze("whole.json"), in: folder).status == 0)
        let stopped = try Self.interrupt(
            Self.analyze("d.json"), in: folder, journal: "d.json.journal", atLines: 15, with: SIGINT)
        #expect(stopped.interrupted)
        #expect(stopped.status == 130, "\(stopped.standardError)")
        #expect(
            stopped.standardError.contains("interrupted:")
                && stopped.standardError.contains("of 40 matrices are finished"),
            "\(stopped.standardError)")
        #expect(!FileManager.default.fileExists(atPath: folder.appending(path: "d.json").path))
        // A write torn by a crash: half a line at the end.
        let journal = try FileHandle(forWritingTo: folder.appending(path: "d.json.journal"))
        try journal.seekToEnd()
        try journal.write(contentsOf: Data("0123456789abcdef {\"job\":\"layers.9.v.weight\",\"res".utf8))
        try journal.close()
        let resumed = try CommandRunner.run(Self.analyze("d.json"), in: folder)
        #expect(resumed.status == 0, "\(resumed.standardError)")
        #expect(
            try Data(contentsOf: folder.appending(path: "d.json"))
                == Data(contentsOf: folder.appending(path: "whole.json")))
    }

    @Test(
        "a journal of other options is refused (exit 1, naming the field and --fresh, the journal kept); --fresh starts over"
    )
    func journalOfAnotherAnalysis() throws {
        let folder = try CommandRunner.scratch()
        defer { try? FileManager.default.removeItem(at: folder) }
        try Self.writeCheckpoints(into: folder)
        let stopped = try Self.interrupt(
            Self.analyze("d.json"), in: folder, journal: "d.json.journal", atLines: 8, with: SIGKILL)
        #expect(stopped.interrupted)
        let journal = folder.appending(path: "d.json.journal")
        let before = try Data(contentsOf: journal)
        let refused = try CommandRunner.run(Self.analyze("d.json", ["--top-k", "8"]), in: folder)
        #expect(refused.status == 1)
        #expect(refused.standardError.contains("parameters.top_k is 10 there but 8 now"), "\(refused.standardError)")
        #expect(refused.standardError.contains("--fresh"))
        #expect(try Data(contentsOf: journal) == before)
        let fresh = try CommandRunner.run(Self.analyze("d.json", ["--top-k", "8", "--fresh"]), in: folder)
        #expect(fresh.status == 0, "\(fresh.standardError)")
        #expect(!FileManager.default.fileExists(atPath: journal.path))
        #expect(try CommandRunner.run(Self.analyze("reference.json", ["--top-k", "8"]), in: folder).status == 0)
        #expect(
            try Data(contentsOf: folder.appending(path: "d.json"))
                == Data(contentsOf: folder.appending(path: "reference.json")))
    }

    /// Every file below `folder` (hidden ones included): relative path → bytes.
    static func tree(_ folder: URL) -> [String: Data] { OutputFolderCommandTests.tree(folder) }

    @Test(
        "report killed with -9 at 80 % resumes from SITE.journal: at most half the uninterrupted time, a byte-identical site, the journal removed (640 × 640 matrices, so that the analysis, not the debug build's rendering, dominates)"
    )
    func reportKilledAndResumed() throws {
        let folder = try CommandRunner.scratch()
        defer { try? FileManager.default.removeItem(at: folder) }
        try Self.writeCheckpoints(into: folder, size: 640)
        let report = { (site: String) in ["report", "base.safetensors", "tuned.safetensors", "-o", site, "--no-cache"] }
        let started = Date()
        let whole = try CommandRunner.run(report("whole"), in: folder)
        let fullTime = Date().timeIntervalSince(started)
        try #require(whole.status == 0, "\(whole.standardError)")
        var killed = false
        for _ in 0..<3 where !killed {
            killed = try Self.interrupt(
                report("site") + ["--fresh"], in: folder, journal: "site.journal", atLines: 33, with: SIGKILL
            ).interrupted
        }
        #expect(killed, "the report ended before it could be killed")
        let resumeStart = Date()
        let resumed = try CommandRunner.run(report("site"), in: folder)
        let resumeTime = Date().timeIntervalSince(resumeStart)
        #expect(resumed.status == 0, "\(resumed.standardError)")
        #expect(Self.tree(folder.appending(path: "site")) == Self.tree(folder.appending(path: "whole")))
        #expect(!FileManager.default.fileExists(atPath: folder.appending(path: "site.journal").path))
        #expect(resumeTime <= fullTime / 2, "resume after 80 %: \(resumeTime) s; uninterrupted: \(fullTime) s")
        print(
            String(
                format: "Report resume test: uninterrupted %.2f s, resumed after a kill at 80 %% %.2f s", fullTime,
                resumeTime))
    }

    @Test(
        "an input changed in place between the kill and the rerun: the jobs that read it run again, and the dataset is exactly a fresh run's"
    )
    func changedInputInvalidatesItsJobs() throws {
        let folder = try CommandRunner.scratch()
        defer { try? FileManager.default.removeItem(at: folder) }
        try Self.writeCheckpoints(into: folder)
        let stopped = try Self.interrupt(
            Self.analyze("d.json"), in: folder, journal: "d.json.journal", atLines: 33, with: SIGKILL)
        #expect(stopped.interrupted)
        // Change one value of the first matrix of the fine-tune, in place (same size).
        let tuned = try ModelCheckpoint(path: folder.appending(path: "tuned.safetensors").path)
        let first = try #require(tuned.tensors.first)
        let handle = try FileHandle(forUpdating: folder.appending(path: "tuned.safetensors"))
        try handle.seek(toOffset: UInt64(first.dataOffsets.lowerBound))
        try handle.write(contentsOf: withUnsafeBytes(of: Float(0.25).bitPattern.littleEndian) { Data($0) })
        try handle.close()
        let resumed = try CommandRunner.run(Self.analyze("d.json"), in: folder)
        #expect(resumed.status == 0, "\(resumed.standardError)")
        let fresh = try CommandRunner.run(Self.analyze("fresh.json"), in: folder)
        #expect(fresh.status == 0)
        #expect(
            try Data(contentsOf: folder.appending(path: "d.json"))
                == Data(contentsOf: folder.appending(path: "fresh.json")))
    }
}
