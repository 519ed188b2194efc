import Foundation

/// A one-node Slurm cluster started by `scripts/slurm/cluster.sh` in a folder of its own, and
/// the client commands (`sbatch`, `squeue`, `scontrol`) pointed at it.
struct SlurmCluster {
    /// The result of a command.
    struct Outcome {
        let status: Int32
        let output: String
    }

    /// The folder holding the configuration, state, logs and PID files.
    let folder: URL

    /// `scripts/slurm/cluster.sh` in this package.
    static let script = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appending(path: "scripts/slurm/cluster.sh")

    /// The environment of client commands and of the jobs they submit.
    var environment: [String: String] {
        var environment = TestEnvironment.speclens
        environment["SLURM_CONF"] = folder.appending(path: "slurm.conf").path
        return environment
    }

    /// `cluster.sh start` (installing Slurm and munge when missing); the output holds the
    /// daemons' logs when it fails.
    func start() throws -> Outcome {
        try Self.run("/bin/bash", [Self.script.path, "start", folder.path], environment: environment)
    }

    /// `cluster.sh stop`: cancels the jobs and stops the daemons by their recorded PIDs.
    @discardableResult
    func stop() throws -> Outcome {
        try Self.run("/bin/bash", [Self.script.path, "stop", folder.path], environment: environment)
    }

    /// The daemons' logs (`cluster.sh log`).
    func log() -> String {
        (try? Self.run("/bin/bash", [Self.script.path, "log", folder.path], environment: environment).output) ?? ""
    }

    /// Runs a Slurm client command (`sbatch`, `squeue`, `scontrol`, …) against this cluster.
    func client(_ command: String, _ arguments: [String]) throws -> Outcome {
        try Self.run("/usr/bin/env", [command] + arguments, environment: environment)
    }

    /// Submits `script` with `options`; returns the job id.
    func submit(_ script: URL, options: [String]) throws -> String {
        let outcome = try client("sbatch", ["--parsable"] + options + [script.path])
        guard outcome.status == 0 else { throw SlurmFailure(message: "sbatch failed: \(outcome.output)") }
        return outcome.output.split(separator: ";").first.map {
            String($0).trimmingCharacters(in: .whitespacesAndNewlines)
        } ?? ""
    }

    /// Waits until none of `jobs` is queued or running, polling `squeue` (at most `timeout` s).
    func wait(for jobs: [String], timeout: TimeInterval) throws {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            let queued = try client("squeue", ["-h", "-j", jobs.joined(separator: ",")])
            if queued.output.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty { return }
            Thread.sleep(forTimeInterval: 0.25)
        }
        throw SlurmFailure(message: "jobs \(jobs) still queued or running after \(Int(timeout)) s")
    }

    /// The `JobState` of every task of `job` (one per array task), from `scontrol show job`.
    func states(of job: String) throws -> [String] {
        let shown = try client("scontrol", ["show", "job", job])
        return shown.output.split(whereSeparator: \.isWhitespace).compactMap { field in
            field.hasPrefix("JobState=") ? String(field.dropFirst("JobState=".count)) : nil
        }
    }

    /// Runs `executable arguments…` (see ``ChildProcess``) and collects its output.
    static func run(_ executable: String, _ arguments: [String], environment: [String: String]) throws -> Outcome {
        let child = try ChildProcess.run(executable, arguments, environment: environment)
        return Outcome(status: child.status, output: child.output)
    }
}
