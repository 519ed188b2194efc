import Foundation

/// A finished child process: exit status, standard output and error together, its own peak
/// resident memory and its wall-clock time.
struct ChildProcess {
    let status: Int32
    let output: String
    /// Peak resident set size of this child alone (`VmHWM`, sampled every 10 ms), in kilobytes.
    let peakKilobytes: Int
    let seconds: Double

    /// Runs `executable arguments…` and waits for it, with `posix_spawn` and `waitpid` rather than
    /// Foundation's `Process`, which can miss the exit of a script that leaves daemons behind. Output goes through a file. The child
    /// starts with an empty signal mask and default handlers (the test's thread blocks signals,
    /// which daemons it starts would otherwise inherit and so ignore `TERM`).
    static func run(_ executable: String, _ arguments: [String], environment: [String: String]) throws -> ChildProcess {
        let output = FileManager.default.temporaryDirectory.appending(path: "speclens-child-\(UUID().uuidString).out")
        defer { try? FileManager.default.removeItem(at: output) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, output.path, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var noSignals = sigset_t()
        var allSignals = sigset_t()
        sigemptyset(&noSignals)
        sigfillset(&allSignals)
        posix_spawnattr_setsigmask(&attributes, &noSignals)
        posix_spawnattr_setsigdefault(&attributes, &allSignals)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { for pointer in argv + envp { free(pointer) } }
        let start = Date()
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, executable, &actions, &attributes, argv, envp)
        guard spawned == 0 else { throw POSIXError(POSIXErrorCode(rawValue: spawned) ?? .EIO) }
        // The child's high-water mark of resident memory, read from /proc every 10 ms until it
        // exits (wait4's ru_maxrss would count the test process's memory, shared until exec).
        var status: Int32 = 0
        var peak = 0
        while true {
            let waited = waitpid(pid, &status, WNOHANG)
            if waited == pid || (waited < 0 && errno != EINTR) { break }
            peak = max(peak, highWaterMark(of: pid))
            usleep(10_000)
        }
        let seconds = Date().timeIntervalSince(start)
        let exited = status & 0x7f == 0
        return ChildProcess(
            status: exited ? (status >> 8) & 0xff : 128 + (status & 0x7f),
            output: (try? String(contentsOf: output, encoding: .utf8)) ?? "",
            peakKilobytes: peak, seconds: seconds)
    }

    /// `VmHWM` of process `pid` in kilobytes (0 once it is gone).
    static func highWaterMark(of pid: pid_t) -> Int {
        guard let status = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8) else { return 0 }
        for line in status.split(separator: "\n") where line.hasPrefix("VmHWM:") {
            return Int(line.split(separator: " ", omittingEmptySubsequences: true).dropFirst().first ?? "") ?? 0
        }
        return 0
    }
}
