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
        var environment = ProcessInfo.processInfo.environment
        environment["SLURM_CONF"] = folder.appending(path: "slurm.conf").path
        environment["OPENBLAS_NUM_THREADS"] = "1"
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
        return outcome.output.split(separator: ";").first.map { String($0).trimmingCharacters(in: .whitespacesAndNewlines) } ?? ""
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

    /// Runs `executable arguments…` and collects standard output and error together (through a
    /// file, with `posix_spawn` and `waitpid`: Foundation's `Process` can miss the exit of a
    /// script that leaves daemons behind).
    static func run(_ executable: String, _ arguments: [String], environment: [String: String]) throws -> Outcome {
        let output = FileManager.default.temporaryDirectory.appending(path: "speclens-slurm-\(UUID().uuidString).out")
        defer { try? FileManager.default.removeItem(at: output) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, output.path, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        // The test runs on a worker thread that blocks signals; the daemons must not inherit that
        // (they would ignore the TERM that stops them).
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var noSignals = sigset_t(), allSignals = sigset_t()
        sigemptyset(&noSignals)
        sigfillset(&allSignals)
        posix_spawnattr_setsigmask(&attributes, &noSignals)
        posix_spawnattr_setsigdefault(&attributes, &allSignals)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { (argv + envp).forEach { free($0) } }
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, executable, &actions, &attributes, argv, envp)
        guard spawned == 0 else { throw SlurmFailure(message: "cannot run \(executable): error \(spawned)") }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        let exited = status & 0x7f == 0
        let text = (try? String(contentsOf: output, encoding: .utf8)) ?? ""
        return Outcome(status: exited ? (status >> 8) & 0xff : 128 + (status & 0x7f), output: text)
    }
}
