import CLapacke
import Foundation

/// The OpenBLAS library speclens runs on: its thread pool and the CPU kernels it chose.
///
/// speclens parallelises over whole matrices, so callers run an analysis with OpenBLAS pinned to
/// one thread (a second BLAS thread competing with a second matrix job slows both on small
/// machines): ``withThreads(_:_:)`` sets it for the duration of a call and restores it after.
public enum OpenBLASRuntime {
    /// Runs `body` with OpenBLAS using `count` threads inside one routine, then restores the
    /// previous setting (also when `body` throws).
    public static func withThreads<T>(_ count: Int, _ body: () throws -> T) rethrows -> T {
        let previous = threads
        setThreads(count)
        defer { setThreads(previous) }
        return try body()
    }

    /// Sets the number of threads OpenBLAS uses inside one routine.
    public static func setThreads(_ count: Int) {
        openblas_set_num_threads(Int32(max(1, count)))
    }

    /// The number of threads OpenBLAS currently uses.
    public static var threads: Int { Int(openblas_get_num_threads()) }

    /// OpenBLAS's build description (`openblas_get_config()`: version, build options, kernel
    /// set), read once: OpenBLAS 0.3.21 builds that string in a static buffer (copy, then append
    /// `MAX_THREADS=…`), so two threads calling it at the same time can read it garbled.
    public static let configuration: String = openblas_get_config().map { String(cString: $0) } ?? "unknown"

    /// The CPU kernel family OpenBLAS selected at start-up, e.g. `Haswell`, `SkylakeX`,
    /// `Prescott`.
    public static var coreName: String {
        openblas_get_corename().map { String(cString: $0) } ?? "unknown"
    }

    /// The feature flags of the first CPU in `/proc/cpuinfo` (empty where unreadable).
    public static func cpuFlags() -> Set<String> {
        guard let text = try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8),
            let line = text.split(separator: "\n").first(where: { $0.hasPrefix("flags") }),
            let colon = line.firstIndex(of: ":")
        else { return [] }
        return Set(line[line.index(after: colon)...].split(separator: " ").map(String.init))
    }
}
