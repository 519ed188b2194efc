import SpeclensCheckpoints
import Testing

@testable import SpeclensLinearAlgebra

@Suite("OpenBLAS kernel sets: which fits a CPU, the known-answer check, and what a process does")
struct BLASKernelTests {
    static let avx512: Set<String> = [
        "sse3", "avx", "avx2", "fma", "avx512f", "avx512cd", "avx512bw", "avx512dq", "avx512vl",
    ]
    static let avx2: Set<String> = ["sse3", "avx", "avx2", "fma"]

    @Test("AVX-512 (F, CD, BW, DQ, VL) maps to SkylakeX, AVX2 with FMA to Haswell, anything less to none")
    func mapping() {
        #expect(BLASKernelSet.matching(cpuFlags: Self.avx512) == "SkylakeX")
        #expect(BLASKernelSet.matching(cpuFlags: Self.avx2) == "Haswell")
        #expect(BLASKernelSet.matching(cpuFlags: Self.avx512.subtracting(["avx512vl"])) == "Haswell")
        #expect(BLASKernelSet.matching(cpuFlags: ["sse3", "avx", "avx2"]) == nil)
        #expect(BLASKernelSet.matching(cpuFlags: []) == nil)
    }

    @Test("generic Prescott kernels are below an AVX2 CPU; Haswell or Zen kernels, or an SSE-only CPU, are not")
    func belowCPU() {
        #expect(BLASKernelSet.isBelowCPU(reported: "Prescott", cpuFlags: Self.avx2))
        #expect(BLASKernelSet.isBelowCPU(reported: "prescott", cpuFlags: Self.avx512))
        #expect(!BLASKernelSet.isBelowCPU(reported: "Haswell", cpuFlags: Self.avx512))
        #expect(!BLASKernelSet.isBelowCPU(reported: "Zen", cpuFlags: Self.avx2))
        #expect(!BLASKernelSet.isBelowCPU(reported: "Prescott", cpuFlags: ["sse3"]))
    }

    @Test("the known decomposition agrees with the kernels this test runs on, to far below the tolerance")
    func checkAgrees() throws {
        guard case .agrees(let valueError, let vectorError) = BLASKernelCheck.run() else {
            Issue.record("the check failed with the loaded kernels")
            return
        }
        #expect(valueError < BLASKernelCheck.tolerance / 10)
        #expect(vectorError < BLASKernelCheck.tolerance / 10)
    }

    @Test("the check catches a wrong singular value, a wrong vector and swapped vectors")
    func checkCatches() throws {
        let svd = try SingularValueDecomposition(of: BLASKernelCheck.matrix, name: "check")
        var values = svd.values
        values[3] *= 1.001
        let wrongValue = BLASKernelCheck.compare(values: values, left: svd.left, rightTransposed: svd.rightTransposed)
        guard case .differs(let reason) = wrongValue else {
            Issue.record("a singular value off by 1e-3 passed")
            return
        }
        #expect(reason.contains("singular value 4"))

        var left = svd.left
        for i in 0..<left.rows { left.values[i * left.columns + 5] += 0.02 * Float(i % 3) }
        let wrongVector = BLASKernelCheck.compare(values: svd.values, left: left, rightTransposed: svd.rightTransposed)
        if case .agrees = wrongVector { Issue.record("a perturbed left vector passed") }

        var swapped = svd.rightTransposed
        for j in 0..<swapped.columns {
            let (a, b) = (swapped.values[j], swapped.values[swapped.columns + j])
            swapped.values[j] = b
            swapped.values[swapped.columns + j] = a
        }
        let swappedVectors = BLASKernelCheck.compare(values: svd.values, left: svd.left, rightTransposed: swapped)
        if case .agrees = swappedVectors { Issue.record("swapped right vectors passed") }
    }

    @Test("the stage survives its environment variable; malformed values do not parse")
    func stageValues() {
        for stage in [
            BLASKernelStage.checking("Haswell", detected: "Prescott"), .forced("SkylakeX"), .fellBack(from: "Haswell"),
        ] {
            #expect(BLASKernelStage(value: stage.value) == stage)
        }
        #expect(BLASKernelStage(value: "checking Haswell") == nil)
        #expect(BLASKernelStage(value: "forced ../x") == nil)
        #expect(BLASKernelStage(value: "") == nil)
    }

    func decide(
        _ request: BLASKernelRequest, _ environment: [String: String] = [:], reported: String = "Prescott",
        flags: Set<String> = avx512
    ) -> BLASKernelDecision {
        BLASKernelDecision.decide(request: request, environment: environment, reported: reported, cpuFlags: flags)
    }

    @Test("auto on generic kernels and an AVX-512 CPU restarts with SkylakeX, then checks, and keeps them")
    func autoSelects() {
        #expect(decide(.auto) == .restart(coreType: "SkylakeX", stage: .checking("SkylakeX", detected: "Prescott")))
        let restarted = [BLASKernelStage.variable: "checking SkylakeX Prescott", "OPENBLAS_CORETYPE": "SkylakeX"]
        #expect(decide(.auto, restarted, reported: "SkylakeX") == .check(kernels: "SkylakeX", detected: "Prescott"))
    }

    @Test("a restart whose kernels OpenBLAS did not load goes back to the detected ones, once")
    func autoFallsBack() {
        let restarted = [BLASKernelStage.variable: "checking SkylakeX Prescott", "OPENBLAS_CORETYPE": "SkylakeX"]
        #expect(
            decide(.auto, restarted, reported: "Prescott")
                == .restart(
                    coreType: nil, stage: .fellBack(from: "SkylakeX"), reason: "OpenBLAS loaded Prescott instead"))
        let back = [BLASKernelStage.variable: "fell-back SkylakeX", BLASKernelStage.reasonVariable: "values differ"]
        #expect(
            decide(.auto, back)
                == .keep(
                    BLASKernelStatus(
                        kernels: "Prescott", source: .fellBack(rejected: "SkylakeX", reason: "values differ"))))
    }

    @Test("auto keeps kernels that fit the CPU, and generic kernels on a CPU without AVX2")
    func autoKeeps() {
        #expect(
            decide(.auto, reported: "Cooperlake") == .keep(BLASKernelStatus(kernels: "Cooperlake", source: .detected)))
        #expect(decide(.auto, flags: ["sse3"]) == .keep(BLASKernelStatus(kernels: "Prescott", source: .detected)))
    }

    @Test("OPENBLAS_CORETYPE set by the user is never overridden, whatever the flag asks")
    func environmentWins() {
        for request in [BLASKernelRequest.auto, .detected, .named("Haswell")] {
            #expect(
                decide(request, ["OPENBLAS_CORETYPE": "Prescott"])
                    == .keep(BLASKernelStatus(kernels: "Prescott", source: .environment)))
        }
    }

    @Test(
        "detected keeps generic kernels and names the better set; a named set restarts unless loaded, and is verified after"
    )
    func explicitRequests() {
        #expect(
            decide(.detected)
                == .keep(BLASKernelStatus(kernels: "Prescott", source: .detectedBelowCPU(better: "SkylakeX"))))
        #expect(decide(.named("Haswell")) == .restart(coreType: "Haswell", stage: .forced("Haswell")))
        #expect(decide(.named("prescott")) == .keep(BLASKernelStatus(kernels: "Prescott", source: .requested)))
        #expect(
            decide(.named("Haswell"), [BLASKernelStage.variable: "forced Haswell"], reported: "Haswell")
                == .keep(BLASKernelStatus(kernels: "Haswell", source: .requested)))
        #expect(
            decide(.named("Bogus"), [BLASKernelStage.variable: "forced Bogus"], reported: "Cooperlake")
                == .unknownKernels(requested: "Bogus", loaded: "Cooperlake"))
    }

    @Test("no decision after a restart starts the process again, except checking going back (no loops)")
    func noLoops() {
        let stages = [
            "checking SkylakeX Prescott", "forced Haswell", "fell-back SkylakeX", "garbage", "checking x y z",
        ]
        for value in stages {
            for request in [BLASKernelRequest.auto, .detected, .named("Haswell")] {
                for reported in ["Prescott", "SkylakeX", "Haswell"] {
                    let decision = decide(request, [BLASKernelStage.variable: value], reported: reported)
                    if case .restart(_, let stage, _) = decision {
                        #expect(value.hasPrefix("checking") && stage == .fellBack(from: "SkylakeX"))
                    }
                }
            }
        }
    }
}
