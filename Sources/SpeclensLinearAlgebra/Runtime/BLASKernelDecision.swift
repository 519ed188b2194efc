/// What a starting process does about its OpenBLAS kernels: a pure function of the request, the
/// environment and what OpenBLAS and the CPU report (``decide(request:environment:reported:cpuFlags:)``).
/// The executable carries it out: `OPENBLAS_CORETYPE` is read only when OpenBLAS loads, so other
/// kernels need the process to be started again.
public enum BLASKernelDecision: Equatable, Sendable {
    /// Compute with the kernels loaded.
    case keep(BLASKernelStatus)
    /// Start the process again with `OPENBLAS_CORETYPE` set to `coreType` (removed when nil) and
    /// ``BLASKernelStage/variable`` set to `stage` (and ``BLASKernelStage/reasonVariable`` to
    /// `reason` when given).
    case restart(coreType: String?, stage: BLASKernelStage, reason: String? = nil)
    /// Run ``BLASKernelCheck`` on the `kernels` loaded (selected instead of `detected`): when it
    /// agrees keep them, else start again with the detected ones (``BLASKernelStage/fellBack(from:)``).
    case check(kernels: String, detected: String)
    /// The kernels the user named are not the ones OpenBLAS loaded (it has no such set).
    case unknownKernels(requested: String, loaded: String)

    /// - Parameters:
    ///   - request: the user's choice (`--blas-kernels`).
    ///   - environment: the process environment: ``BLASKernelStage/variable`` when this process was
    ///     restarted (a value that does not parse never leads to another restart), else
    ///     `OPENBLAS_CORETYPE` set by the user (a choice that is never overridden).
    ///   - reported: the kernels OpenBLAS loaded (`openblas_get_corename`).
    ///   - cpuFlags: the CPU's feature flags.
    public static func decide(
        request: BLASKernelRequest, environment: [String: String], reported: String, cpuFlags: Set<String>
    ) -> BLASKernelDecision {
        if let value = environment[BLASKernelStage.variable], BLASKernelStage(value: value) == nil {
            return .keep(BLASKernelStatus(kernels: reported, source: .detected))
        }
        switch environment[BLASKernelStage.variable].flatMap(BLASKernelStage.init(value:)) {
        case .checking(let kernels, let detected):
            // OpenBLAS falls back to its detection for a name it does not know.
            guard BLASKernelSet.same(kernels, reported) else {
                return .restart(
                    coreType: nil, stage: .fellBack(from: kernels), reason: "OpenBLAS loaded \(reported) instead")
            }
            return .check(kernels: reported, detected: detected)
        case .forced(let kernels):
            guard BLASKernelSet.same(kernels, reported) else {
                return .unknownKernels(requested: kernels, loaded: reported)
            }
            return .keep(BLASKernelStatus(kernels: reported, source: .requested))
        case .fellBack(let rejected):
            let reason = environment[BLASKernelStage.reasonVariable] ?? "no reason recorded"
            return .keep(BLASKernelStatus(kernels: reported, source: .fellBack(rejected: rejected, reason: reason)))
        case nil:
            break
        }
        if let userCoreType = environment["OPENBLAS_CORETYPE"], !userCoreType.isEmpty {
            return .keep(BLASKernelStatus(kernels: reported, source: .environment))
        }
        switch request {
        case .named(let kernels):
            if BLASKernelSet.same(kernels, reported) {
                return .keep(BLASKernelStatus(kernels: reported, source: .requested))
            }
            return .restart(coreType: kernels, stage: .forced(kernels))
        case .detected, .auto:
            guard BLASKernelSet.isBelowCPU(reported: reported, cpuFlags: cpuFlags),
                let better = BLASKernelSet.matching(cpuFlags: cpuFlags)
            else { return .keep(BLASKernelStatus(kernels: reported, source: .detected)) }
            if request == .detected {
                return .keep(BLASKernelStatus(kernels: reported, source: .detectedBelowCPU(better: better)))
            }
            return .restart(coreType: better, stage: .checking(better, detected: reported))
        }
    }
}
