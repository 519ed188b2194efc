import ArgumentParser
import Foundation
import SpeclensAnalysis
import SpeclensLinearAlgebra
import Synchronization

/// `--blas-kernels`: which OpenBLAS kernels the commands that decompose matrices compute with.
///
/// ``select()`` runs first in those commands: when OpenBLAS loaded kernels below the CPU (its
/// generic fallback on a CPU with AVX2 or AVX-512), it starts the process again (same pid and
/// arguments) with `OPENBLAS_CORETYPE` set to the matching set, checks a decomposition with a known
/// answer there, and goes back to the detected kernels when it disagrees. Results of any kernel
/// set agree to float32 precision but not bit for bit; the dataset does not record which was used.
struct KernelOptions: ParsableArguments {
    @Option(
        name: .customLong("blas-kernels"),
        help: ArgumentHelp(
            "OpenBLAS kernels: auto (OpenBLAS's choice, or the AVX2/AVX-512 set when it fell back to generic kernels on a CPU that has them, after a check on a known decomposition), detected (OpenBLAS's choice), or a kernel set such as Haswell or SkylakeX. OPENBLAS_CORETYPE in the environment takes precedence.",
            valueName: "auto|detected|name"))
    var blasKernels: BLASKernelRequest = .auto

    /// The kernels this process computes with, once ``select()`` has run.
    static let status = Mutex<BLASKernelStatus?>(nil)

    /// Carries out ``BLASKernelDecision`` for this process: returns when the kernels loaded are the
    /// ones to use (possibly after starting the process again, which does not return).
    /// - Throws: `ExitCode.failure` (after saying why) when the kernels named by the user do not exist.
    func select() throws {
        var environment = ProcessInfo.processInfo.environment
        let reported = OpenBLASRuntime.coreName
        // Tests only: pretend OpenBLAS detected these kernels at a first start (no stage yet).
        if environment[BLASKernelStage.variable] == nil, let pretend = environment[Self.pretendDetected] {
            environment[BLASKernelStage.variable] = nil
            return try carryOut(
                BLASKernelDecision.decide(
                    request: blasKernels, environment: environment, reported: pretend,
                    cpuFlags: OpenBLASRuntime.cpuFlags()))
        }
        try carryOut(
            BLASKernelDecision.decide(
                request: blasKernels, environment: environment, reported: reported, cpuFlags: OpenBLASRuntime.cpuFlags()
            ))
    }

    /// Test hook: the kernels to pretend OpenBLAS detected at a first start.
    static let pretendDetected = "SPECLENS_TEST_BLAS_DETECTED"
    /// Test hook: when set, the known-answer check is taken to have failed.
    static let pretendCheckFails = "SPECLENS_TEST_BLAS_CHECK_FAILS"

    private func carryOut(_ decision: BLASKernelDecision) throws {
        switch decision {
        case .keep(let status):
            Self.status.withLock { $0 = status }
        case .check(let kernels, let detected):
            var outcome = BLASKernelCheck.run()
            if ProcessInfo.processInfo.environment[Self.pretendCheckFails] != nil {
                outcome = .differs("the check was made to fail (\(Self.pretendCheckFails))")
            }
            switch outcome {
            case .agrees:
                Self.status.withLock { $0 = BLASKernelStatus(kernels: kernels, source: .selected(detected: detected)) }
            case .differs(let reason):
                try carryOut(.restart(coreType: nil, stage: .fellBack(from: kernels), reason: reason))
            }
        case .restart(let coreType, let stage, let reason):
            Self.restart(coreType: coreType, stage: stage, reason: reason)
            // Only reached when the process could not be started again: go on with what is loaded.
            Self.status.withLock {
                $0 = BLASKernelStatus(
                    kernels: OpenBLASRuntime.coreName,
                    source: .fellBack(rejected: coreType ?? "", reason: "speclens could not restart itself"))
            }
        case .unknownKernels(let requested, let loaded):
            Pipeline.say(
                "error: OpenBLAS has no kernel set named '\(TerminalText.printable(requested))' (it loaded \(loaded)); "
                    + "give a name such as Haswell, SkylakeX, Zen or Prescott, or --blas-kernels auto")
            throw ExitCode.failure
        }
    }

    /// Starts this executable again with the same arguments and the environment changed; returns
    /// only when that fails (the environment is then as before).
    private static func restart(coreType: String?, stage: BLASKernelStage, reason: String?) {
        let previous = ProcessInfo.processInfo.environment
        if let coreType { setenv("OPENBLAS_CORETYPE", coreType, 1) } else { unsetenv("OPENBLAS_CORETYPE") }
        setenv(BLASKernelStage.variable, stage.value, 1)
        if let reason { setenv(BLASKernelStage.reasonVariable, reason, 1) }
        fflush(nil)
        execv("/proc/self/exe", CommandLine.unsafeArgv)
        for name in ["OPENBLAS_CORETYPE", BLASKernelStage.variable, BLASKernelStage.reasonVariable] {
            if let value = previous[name] { setenv(name, value, 1) } else { unsetenv(name) }
        }
    }

    /// One line for the user about the kernels in use, e.g. `BLAS kernels: Haswell (selected for
    /// this CPU instead of OpenBLAS's generic Prescott; a known decomposition agreed)`; nil before
    /// ``select()``.
    static var line: String? {
        status.withLock { $0 }.map(describe)
    }

    static func describe(_ status: BLASKernelStatus) -> String {
        let kernels = TerminalText.printable(status.kernels)
        switch status.source {
        case .detected:
            return "BLAS kernels: \(kernels) (as OpenBLAS detected)"
        case .detectedBelowCPU(let better):
            return "BLAS kernels: \(kernels) (as OpenBLAS detected, generic; this CPU can run \(better): "
                + "--blas-kernels auto selects it, about 2.5 times faster)"
        case .environment:
            return "BLAS kernels: \(kernels) (OPENBLAS_CORETYPE)"
        case .requested:
            return "BLAS kernels: \(kernels) (--blas-kernels)"
        case .selected(let detected):
            return "BLAS kernels: \(kernels) (selected for this CPU instead of OpenBLAS's generic "
                + "\(TerminalText.printable(detected)); a known decomposition agreed)"
        case .fellBack(let rejected, let reason):
            return "warning: BLAS kernels: \(kernels) (as OpenBLAS detected): speclens tried "
                + "\(TerminalText.printable(rejected)) and went back, because \(TerminalText.printable(reason))"
        }
    }
}

extension BLASKernelRequest: ExpressibleByArgument {
    public init?(argument: String) {
        switch argument {
        case "auto": self = .auto
        case "detected": self = .detected
        default:
            guard BLASKernelSet.isWellFormed(argument) else { return nil }
            self = .named(argument)
        }
    }

    public var defaultValueDescription: String {
        switch self {
        case .auto: "auto"
        case .detected: "detected"
        case .named(let name): name
        }
    }
}
