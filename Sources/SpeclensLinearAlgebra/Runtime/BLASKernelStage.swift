/// How far a kernel selection got before the process was started again, carried across the
/// re-execution in an environment variable (``variable``). Its presence also guards against
/// re-execution loops: a process that finds it never starts itself again, except once from
/// ``checking(_:detected:)`` back to the detected kernels.
public enum BLASKernelStage: Equatable, Sendable {
    /// Restarted with `kernels` selected automatically instead of the `detected` ones; the
    /// known-answer check is still to run.
    case checking(String, detected: String)
    /// Restarted with the kernels the user named.
    case forced(String)
    /// Restarted with the detected kernels after `kernels` failed the check.
    case fellBack(from: String)

    /// The environment variable that carries the stage.
    public static let variable = "SPECLENS_BLAS_KERNELS_STAGE"
    /// The environment variable that carries why the check failed (with ``fellBack(from:)``).
    public static let reasonVariable = "SPECLENS_BLAS_KERNELS_REASON"

    /// The variable's value, e.g. `checking Haswell Prescott`.
    public var value: String {
        switch self {
        case .checking(let kernels, let detected): "checking \(kernels) \(detected)"
        case .forced(let kernels): "forced \(kernels)"
        case .fellBack(let kernels): "fell-back \(kernels)"
        }
    }

    /// Parses ``value``; nil for anything else.
    init?(value: String) {
        let parts = value.split(separator: " ").map(String.init)
        guard parts.dropFirst().allSatisfy(BLASKernelSet.isWellFormed) else { return nil }
        switch (parts.first, parts.count) {
        case ("checking", 3): self = .checking(parts[1], detected: parts[2])
        case ("forced", 2): self = .forced(parts[1])
        case ("fell-back", 2): self = .fellBack(from: parts[1])
        default: return nil
        }
    }
}
