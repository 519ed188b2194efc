import Foundation
import SpeclensDataset
import Testing

@testable import SpeclensAnalysis
@testable import SpeclensLinearAlgebra

/// `--blas-kernels` and the automatic kernel selection, through the built executable: it starts
/// itself again with `OPENBLAS_CORETYPE` set, checks a known decomposition there, and says which
/// kernels it used. `SPECLENS_TEST_BLAS_DETECTED` makes it take OpenBLAS's detection for generic
/// kernels (this machine's OpenBLAS may well recognise its CPU).
@Suite("Choosing the OpenBLAS kernels from the command line", .serialized)
struct KernelSelectionCommandTests {
    static let analyze = ["analyze", "base.safetensors", "tuned.safetensors", "--include-heads", "-o", "d.json"]
    static let better = BLASKernelSet.matching(cpuFlags: OpenBLASRuntime.cpuFlags())

    func run(_ extra: [String] = [], environment: [String: String] = [:]) throws -> (
        CommandRunner.Outcome, SpectralDataset?
    ) {
        let folder = try SelectionCommandTests.neoxPair()
        defer { try? FileManager.default.removeItem(at: folder) }
        let outcome = try CommandRunner.run(Self.analyze + extra, in: folder, environment: environment)
        let dataset = try? DatasetCoding.read(from: folder.appending(path: "d.json").path)
        return (outcome, dataset)
    }

    @Test(
        "generic kernels detected on an AVX2/AVX-512 CPU: speclens restarts with the matching set, checks it and says so",
        .enabled(if: better != nil))
    func selectsMatchingKernels() throws {
        let (outcome, dataset) = try run(environment: ["SPECLENS_TEST_BLAS_DETECTED": "Prescott"])
        #expect(outcome.status == 0, "\(outcome.standardError)")
        #expect(dataset != nil)
        #expect(
            outcome.standardError.contains(
                "BLAS kernels: \(Self.better ?? "") (selected for this CPU instead of OpenBLAS's generic Prescott; a known decomposition agreed)"
            ))
    }

    @Test(
        "a failed check sends speclens back to the detected kernels with a warning, and the analysis still completes",
        .enabled(if: better != nil))
    func fallsBack() throws {
        let (outcome, dataset) = try run(
            environment: ["SPECLENS_TEST_BLAS_DETECTED": "Prescott", "SPECLENS_TEST_BLAS_CHECK_FAILS": "1"])
        #expect(outcome.status == 0, "\(outcome.standardError)")
        #expect(dataset != nil)
        #expect(
            outcome.standardError.contains(
                "warning: BLAS kernels: \(OpenBLASRuntime.coreName) (as OpenBLAS detected): speclens tried \(Self.better ?? "") and went back"
            ))
        #expect(!outcome.standardError.contains("selected for this CPU"))
    }

    @Test(
        "--blas-kernels Haswell computes with Haswell kernels, and its results agree with the detected kernels' to float32 precision"
    )
    func forced() throws {
        let (forced, forcedDataset) = try run(["--blas-kernels", "Haswell"])
        #expect(forced.status == 0, "\(forced.standardError)")
        #expect(forced.standardError.contains("BLAS kernels: Haswell (--blas-kernels)"))
        let (_, detected) = try run(["--blas-kernels", "detected"])
        let a = try #require(forcedDataset?.runs.first?.matrices)
        let b = try #require(detected?.runs.first?.matrices)
        #expect(a.count == b.count)
        for (x, y) in zip(a, b) {
            for (p, q) in zip(x.maxCosineTopK, y.maxCosineTopK) { #expect(abs(p - q) < 1e-4) }
        }
    }

    @Test("OPENBLAS_CORETYPE in the environment is respected over --blas-kernels")
    func environmentWins() throws {
        let (outcome, _) = try run(["--blas-kernels", "Prescott"], environment: ["OPENBLAS_CORETYPE": "Haswell"])
        #expect(outcome.status == 0, "\(outcome.standardError)")
        #expect(outcome.standardError.contains("BLAS kernels: Haswell (OPENBLAS_CORETYPE)"))
    }

    @Test("a kernel set OpenBLAS does not have is an error naming it, and no dataset is written")
    func unknownKernels() throws {
        let (outcome, dataset) = try run(["--blas-kernels", "Bogus"])
        #expect(outcome.status == 1)
        #expect(outcome.standardError.contains("OpenBLAS has no kernel set named 'Bogus'"))
        #expect(dataset == nil)
    }
}
