import Foundation

/// The environment of every `speclens` the tests start: the test's own, OpenBLAS on one thread,
/// and `XDG_CACHE_HOME` in a folder of this test process, so that no test reads or writes the
/// user's base decomposition cache. The tests of this process share that cache (which also runs
/// the commands against a warm cache); it is removed when the process exits.
enum TestEnvironment {
    /// `XDG_CACHE_HOME` of the tests' commands.
    static let cacheHome: String = {
        let path = FileManager.default.temporaryDirectory.appending(path: "speclens-test-cache-\(getpid())").path
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        atexit { try? FileManager.default.removeItem(atPath: TestEnvironment.cacheHome) }
        return path
    }()

    /// The environment for a `speclens` child process.
    static var speclens: [String: String] {
        var environment = ProcessInfo.processInfo.environment
        environment["OPENBLAS_NUM_THREADS"] = "1"
        environment["XDG_CACHE_HOME"] = cacheHome
        return environment
    }
}
