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

    /// The CPU kernel family OpenBLAS selected at start-up, e.g. `Haswell`, `SkylakeX`,
    /// `Prescott`.
    public static var coreName: String {
        openblas_get_corename().map { String(cString: $0) } ?? "unknown"
    }

    /// A hint when OpenBLAS fell back to its generic SSE3 kernels on a CPU that has AVX2 and FMA
    /// (seen on virtual machines whose CPU model OpenBLAS 0.3.21 does not recognise): there,
    /// `OPENBLAS_CORETYPE=Haswell` makes the decompositions about 2.5 times faster. Nil when the
    /// kernels fit the CPU or the user already chose them.
    ///
    /// The hint names the environment variable, which is OpenBLAS's own interface.
    public static func kernelHint(
        cpuFlags: Set<String> = cpuFlags(),
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) -> String? {
        let generic: Set<String> = ["Prescott", "Core2", "Katmai", "Coppermine", "Northwood", "Banias"]
        guard environment["OPENBLAS_CORETYPE"] == nil, generic.contains(coreName),
            cpuFlags.contains("avx2"), cpuFlags.contains("fma")
        else { return nil }
        return "OpenBLAS chose its generic \(coreName) kernels although this CPU has AVX2; "
            + "OPENBLAS_CORETYPE=Haswell (or SkylakeX with AVX-512) in the environment makes the "
            + "decompositions about 2.5 times faster"
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
