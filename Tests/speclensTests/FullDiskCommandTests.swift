import Foundation
import Testing

/// Needs root (it mounts a small tmpfs); skipped otherwise. `make test` in CI runs as root.
@Suite(
    "A full or read-only disk: analyze and report fail with one clear error and leave the previous output byte for byte",
    .serialized, .enabled(if: getuid() == 0, "needs root to mount a tmpfs; run make test as root (CI does)"))
struct FullDiskCommandTests {
    /// Runs `mount`/`umount` with `arguments`.
    static func system(_ arguments: [String]) throws -> Int32 {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = arguments
        try process.run()
        process.waitUntilExit()
        return process.terminationStatus
    }

    /// Fills the file system holding `folder` until a write fails with ENOSPC.
    static func fill(_ folder: URL) {
        let path = folder.appending(path: "filler").path
        let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        defer { close(descriptor) }
        let block = [UInt8](repeating: 1, count: 4096)
        while block.withUnsafeBytes({ write(descriptor, $0.baseAddress, 4096) }) > 0 {}
        let byte: [UInt8] = [1]
        while byte.withUnsafeBytes({ write(descriptor, $0.baseAddress, 1) }) > 0 {}
    }

    /// Checks an outcome: exit 1, exactly one error line containing `reason`.
    static func expectCleanFailure(_ outcome: CommandRunner.Outcome, _ reason: String, _ what: String) {
        #expect(outcome.status == 1 && !outcome.signalled, "\(what): \(outcome.standardError)")
        let errors = outcome.standardError.split(separator: "\n").filter { $0.hasPrefix("speclens: error:") }
        #expect(errors.count == 1 && errors.first?.contains(reason) == true, "\(what): \(outcome.standardError)")
    }

    @Test(
        "analyze -o and report -o on a full tmpfs, then on a read-only one: exit 1 naming the cause; dataset.json and the site unchanged, nothing left beside them"
    )
    func fullAndReadOnly() throws {
        let folder = try CommandRunner.scratch()
        defer { try? FileManager.default.removeItem(at: folder) }
        try ResumeCommandTests.writeCheckpoints(into: folder, size: 48)
        let disk = folder.appending(path: "disk")
        try FileManager.default.createDirectory(at: disk, withIntermediateDirectories: true)
        try #require(try Self.system(["mount", "-t", "tmpfs", "-o", "size=8m", "tmpfs", disk.path]) == 0)
        defer { _ = try? Self.system(["umount", disk.path]) }
        let analyze = ["analyze", "base.safetensors", "tuned.safetensors", "-o", "disk/dataset.json", "--no-cache"]
        let report = ["report", "base.safetensors", "tuned.safetensors", "-o", "disk/site", "--no-cache"]
        #expect(try CommandRunner.run(analyze, in: folder).status == 0)
        #expect(try CommandRunner.run(report, in: folder).status == 0)
        let before = OutputFolderCommandTests.tree(disk)
        #expect(before["dataset.json"] != nil && before["site/index.html"] != nil)

        Self.fill(disk)
        var expected = before
        expected["filler"] = OutputFolderCommandTests.tree(disk)["filler"]
        for (command, what) in [(analyze + ["--top-k", "5"], "analyze"), (report + ["--top-k", "5"], "report")] {
            Self.expectCleanFailure(
                try CommandRunner.run(command, in: folder), "No space left on device", "full disk: \(what)")
            #expect(OutputFolderCommandTests.tree(disk) == expected, "full disk: \(what)")
        }

        try FileManager.default.removeItem(at: disk.appending(path: "filler"))
        try #require(try Self.system(["mount", "-o", "remount,ro", disk.path]) == 0)
        for (command, what) in [(analyze + ["--top-k", "5"], "analyze"), (report + ["--top-k", "5"], "report")] {
            Self.expectCleanFailure(
                try CommandRunner.run(command, in: folder), "Read-only file system", "read-only disk: \(what)")
            #expect(OutputFolderCommandTests.tree(disk) == before, "read-only disk: \(what)")
        }
    }
}
