/// Which OpenBLAS kernels the user asks for.
public enum BLASKernelRequest: Equatable, Sendable {
    /// OpenBLAS's own choice, unless it chose kernels below the CPU (its generic fallback on a CPU
    /// with AVX2 or AVX-512): then the matching set, after ``BLASKernelCheck`` agrees.
    case auto
    /// OpenBLAS's own choice, always.
    case detected
    /// This kernel set (an `OPENBLAS_CORETYPE` name), without the check.
    case named(String)
}
