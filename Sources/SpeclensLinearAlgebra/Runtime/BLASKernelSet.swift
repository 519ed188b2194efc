/// OpenBLAS kernel sets by the names `OPENBLAS_CORETYPE` takes (and `openblas_get_corename`
/// reports): which of them are below what a CPU can run, and which one fits its features.
public enum BLASKernelSet {
    /// Kernel sets without AVX2: OpenBLAS's generic SSE3 fallback (`Prescott`, chosen when it does
    /// not recognise the CPU model, as on some virtual machines) and the older families.
    static let preAVX2: Set<String> = [
        "Prescott", "Katmai", "Coppermine", "Northwood", "Banias", "Core2", "Penryn", "Dunnington",
        "Nehalem", "Atom", "Sandybridge",
    ]

    /// The kernel set that matches the features in `cpuFlags` (as `/proc/cpuinfo` names them):
    /// `SkylakeX` with AVX-512 (F, CD, BW, DQ, VL: the set its kernels use), else `Haswell` with
    /// AVX2 and FMA, else nil (the generic kernels are then right).
    public static func matching(cpuFlags: Set<String>) -> String? {
        if ["avx512f", "avx512cd", "avx512bw", "avx512dq", "avx512vl"].allSatisfy(cpuFlags.contains) {
            return "SkylakeX"
        }
        if cpuFlags.contains("avx2"), cpuFlags.contains("fma") { return "Haswell" }
        return nil
    }

    /// Whether OpenBLAS's `reported` kernels leave out features of the CPU: they are a pre-AVX2
    /// set while ``matching(cpuFlags:)`` names one.
    static func isBelowCPU(reported: String, cpuFlags: Set<String>) -> Bool {
        preAVX2.contains { same($0, reported) } && matching(cpuFlags: cpuFlags) != nil
    }

    /// Whether two kernel-set names are the same (OpenBLAS reads `OPENBLAS_CORETYPE` ignoring case,
    /// e.g. `skylakex` loads `SkylakeX`).
    public static func same(_ a: String, _ b: String) -> Bool {
        a.lowercased() == b.lowercased()
    }

    /// Whether `name` can be a kernel-set name (ASCII letters and digits, 1 to 32 of them).
    public static func isWellFormed(_ name: String) -> Bool {
        (1...32).contains(name.count) && name.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber) }
    }
}
