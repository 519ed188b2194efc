/// The OpenBLAS kernels a process computes with, and why.
public struct BLASKernelStatus: Equatable, Sendable {
    /// Why these kernels are in use.
    public enum Source: Equatable, Sendable {
        /// OpenBLAS's own choice.
        case detected
        /// OpenBLAS's choice although they are below the CPU (`--blas-kernels detected`, or no
        /// restart possible); `better` names the matching set.
        case detectedBelowCPU(better: String)
        /// `OPENBLAS_CORETYPE` was set in the environment by the user.
        case environment
        /// Named by the user.
        case requested
        /// Selected automatically instead of the `detected` ones, after the check agreed.
        case selected(detected: String)
        /// The detected kernels, because `rejected` failed the check (`reason`).
        case fellBack(rejected: String, reason: String)
    }

    /// The kernel set OpenBLAS reports (`openblas_get_corename`).
    public let kernels: String
    public let source: Source

    public init(kernels: String, source: Source) {
        self.kernels = kernels
        self.source = source
    }
}
