import Foundation
import SpeclensDataset
import SpeclensTestSupport
import Testing

@testable import SpeclensAnalysis

@Suite(
    "The fast top-triplet paths (Gram eigenvectors, the default; certified randomized iteration) on the MiniLM fine-tunes give the exact path's results",
    .serialized, Fixtures.enabled)
struct FastPathMiniLMTests {
    static let runs = ["full", "lora-r1-a2", "lora-r8-a16", "lora-r64-a128"]

    static func analyze(_ parameters: AnalysisParameters, workers: Int = 2) throws -> SpectralDataset {
        guard Fixtures.available else { throw CancellationError() }
        return try SpectralAnalyzer(parameters: parameters, workers: workers).analyze(
            basePath: Fixtures.minilm("base"), tunedPaths: runs.map(Fixtures.minilm))
    }

    static let policies: [DecompositionPolicy] = [.automatic, .randomized]

    /// The exact path with every spectrum.
    static let exact = Result(catching: {
        try analyze(
            AnalysisParameters(
                include: ["encoder\\.layer"], spectrumBuckets: 0, fullSpectra: true, tunedDecomposition: .exact))
    })
    /// Each fast path on every matrix, run and null control (no whole spectrum is asked for).
    static let automatic = Result(catching: {
        try analyze(
            AnalysisParameters(include: ["encoder\\.layer"], spectrumBuckets: 0, tunedDecomposition: .automatic))
    })
    static let randomized = Result(catching: {
        try analyze(
            AnalysisParameters(include: ["encoder\\.layer"], spectrumBuckets: 0, tunedDecomposition: .randomized))
    })

    func load(_ policy: DecompositionPolicy) throws -> (fast: SpectralDataset, exact: SpectralDataset) {
        try Fixtures.require()
        return (try (policy == .randomized ? Self.randomized : Self.automatic).get(), try Self.exact.get())
    }

    /// Pairs of (fast, exact) comparisons of run `id`, by matrix name.
    func comparisons(_ id: String, _ policy: DecompositionPolicy) throws -> [(MatrixComparison, MatrixComparison)] {
        let (fast, exact) = try load(policy)
        let ours = try #require(fast.runs.first { $0.id.rawValue == id })
        let truth = try #require(exact.runs.first { $0.id.rawValue == id })
        #expect(ours.matrices.map(\.name) == truth.matrices.map(\.name))
        return Array(zip(ours.matrices, truth.matrices))
    }

    @Test(
        "every comparison and null control records its path: the default takes the Gram path for all of them (formed from the factors for LoRA runs and low-rank controls), the randomized path certifies at least two thirds",
        arguments: runs, policies)
    func pathsRecorded(run id: String, policy: DecompositionPolicy) throws {
        let pairs = try comparisons(id, policy)
        let paths = pairs.map(\.0.tunedDecomposition) + pairs.flatMap { $0.0.nullControls ?? [] }.map(\.decomposition)
        if policy == .automatic {
            let lowRank: DecompositionPath = id == "full" ? .gram : .gramLowRank
            #expect(pairs.allSatisfy { $0.0.tunedDecomposition == lowRank })
            for control in pairs.flatMap({ $0.0.nullControls ?? [] }) {
                #expect(control.decomposition == (control.kind == .lowRank ? .gramLowRank : .gram))
            }
        } else {
            #expect(paths.allSatisfy { $0 == .randomized || $0 == .exactFallback })
            let certified = paths.filter { $0 == .randomized }.count
            #expect(3 * certified >= 2 * paths.count, "\(id): \(certified) of \(paths.count) certified")
        }
        #expect(pairs.allSatisfy { $0.1.tunedDecomposition == .exact })
    }

    /// The float64 reference's max |cos| of run `id`, by matrix name.
    func reference(_ id: String) throws -> [String: [Double]] {
        let data = try Data(contentsOf: Fixtures.minilm.appending(path: "reference.json"))
        let truth = try #require(try JSONDecoder().decode([String: ReferenceRun].self, from: data)[id])
        return Dictionary(uniqueKeysWithValues: truth.matrices.map { ($0.name, $0.top_max_cos) })
    }

    /// The exact float32 path has its own error, about √p·2⁻²³·σ₁/gap (LAPACK's backward error),
    /// up to ~4e-4 at the smallest gaps of these matrices; where the two paths differ by more than
    /// 1e-4, the float64 reference must side with the randomized path (closer to it, to within
    /// its 1e-6 rounding).
    @Test(
        "max |cos| of each top-10 vector is within 1e-4 of the exact path, or closer than it to the float64 reference",
        arguments: runs, policies)
    func maxCosines(run id: String, policy: DecompositionPolicy) throws {
        let truth = try reference(id)
        var beyond = 0
        for (fast, exact) in try comparisons(id, policy) {
            let float64 = try #require(truth[fast.name])
            for (j, (ours, theirs)) in zip(fast.maxCosineTopK, exact.maxCosineTopK).enumerated()
            where abs(ours - theirs) > 1e-4 {
                beyond += 1
                #expect(
                    abs(Double(ours) - float64[j]) <= abs(Double(theirs) - float64[j]) + 1e-6,
                    "\(id) \(fast.name) j=\(j): fast \(ours), exact \(theirs), float64 \(float64[j])")
            }
        }
        #expect(beyond <= 4, "\(id): \(beyond) vectors differ by more than 1e-4")
    }

    /// Null controls have no float64 reference: their max |cos| must agree to 5e-4, the exact
    /// float32 path's own error at these matrices' smallest gaps (see `maxCosines`).
    @Test(
        "null controls' max |cos| is within 5e-4 of the exact path's, and within 1e-4 for all but a few vectors",
        arguments: runs, policies)
    func controlMaxCosines(run id: String, policy: DecompositionPolicy) throws {
        var beyond = 0
        for (fast, exact) in try comparisons(id, policy) {
            #expect((fast.nullControls ?? []).count == (exact.nullControls ?? []).count)
            for (ours, theirs) in zip(fast.nullControls ?? [], exact.nullControls ?? []) {
                #expect(ours.kind == theirs.kind)
                for (a, b) in zip(ours.maxCosineTopK, theirs.maxCosineTopK) {
                    #expect(abs(a - b) <= 5e-4, "\(id) \(fast.name) \(ours.kind) control: \(a) vs \(b)")
                    if abs(a - b) > 1e-4 { beyond += 1 }
                }
            }
        }
        #expect(beyond <= 4, "\(id): \(beyond) control vectors differ by more than 1e-4")
    }

    @Test(
        "intruder counts equal the exact path's at every ε of the grid, except for vectors whose exact max |cos| lies within 1e-4 of ε",
        arguments: runs, policies)
    func intruderCounts(run id: String, policy: DecompositionPolicy) throws {
        for (fast, exact) in try comparisons(id, policy) {
            for (epsilon, expected) in exact.intrudersByEpsilon.pairs {
                let allowance = exact.maxCosineTopK.filter { abs(Double($0) - epsilon) <= 1e-4 }.count
                #expect(
                    abs((fast.intrudersByEpsilon[epsilon] ?? -1) - expected) <= allowance,
                    "\(id) \(fast.name) ε \(epsilon)")
            }
            #expect(fast.intruderIndices == exact.intruderIndices)
        }
    }

    @Test(
        "effective ranks within 1e-3 relative, similarity blocks within the loose tolerance 1e-2, Wt's top 32 σ within 1e-5 relative",
        arguments: runs, policies)
    func otherMeasures(run id: String, policy: DecompositionPolicy) throws {
        for (fast, exact) in try comparisons(id, policy) {
            let (ours, theirs) = (try #require(fast.effectiveRank), try #require(exact.effectiveRank))
            #expect(abs(ours - theirs) / theirs <= 1e-3)
            for (row, truth) in zip(fast.similarity, exact.similarity) {
                for (a, b) in zip(row, truth) { #expect(abs(a - b) <= 1e-2, "\(id) \(fast.name)") }
            }
            #expect(fast.singularValues.tuned.count == 32)
            for (a, b) in zip(fast.singularValues.tuned, exact.singularValues.tuned) {
                #expect(abs(a - b) <= 1e-5 * exact.singularValues.tuned[0])
            }
            #expect(fast.singularValues.delta == exact.singularValues.delta)
        }
    }

    @Test(
        "the fast path still matches the float64 reference: max |cos| within 1e-3, intruder totals up to vectors within 1e-3 of ε",
        arguments: runs, policies)
    func reference(run id: String, policy: DecompositionPolicy) throws {
        let (fast, _) = try load(policy)
        let data = try Data(contentsOf: Fixtures.minilm.appending(path: "reference.json"))
        let truth = try #require(try JSONDecoder().decode([String: ReferenceRun].self, from: data)[id])
        let run = try #require(fast.runs.first { $0.id.rawValue == id })
        let expected = Dictionary(uniqueKeysWithValues: truth.matrices.map { ($0.name, $0) })
        for matrix in run.matrices {
            let reference = try #require(expected[matrix.name])
            for (ours, theirs) in zip(matrix.maxCosineTopK, reference.top_max_cos) {
                #expect(abs(Double(ours) - theirs) <= 1e-3, "\(id) \(matrix.name)")
            }
        }
        for (key, count) in truth.intruders_total_k10 {
            let epsilon = try #require(Double(key))
            let allowance = truth.matrices.flatMap(\.top_max_cos).filter { abs($0 - epsilon) <= 1e-3 }.count
            #expect(abs((run.summary.intrudersByEpsilon[epsilon] ?? -1) - count) <= allowance)
        }
    }

    @Test(
        "with the whole spectrum for 2 matrices per module kind and the randomized path elsewhere, 1 and 2 workers give byte-identical JSON; only the first and last layer have whole spectra"
    )
    func sampledAnalysisIsDeterministic() throws {
        try Fixtures.require()
        let parameters = AnalysisParameters(
            include: ["encoder\\.layer\\.[0-5]\\.attention\\.self\\.query"], spectrumMatricesPerModule: 2,
            tunedDecomposition: .randomized)
        let one = try Self.analyze(parameters, workers: 1)
        let two = try Self.analyze(parameters, workers: 2)
        #expect(try DatasetCoding.encode(one) == DatasetCoding.encode(two))
        for run in one.runs {
            let whole = run.matrices.filter { $0.spectrumIntruderFractions != nil }
            #expect(
                whole.map(\.name) == [
                    "encoder.layer.0.attention.self.query.weight", "encoder.layer.5.attention.self.query.weight",
                ])
            #expect(
                whole.allSatisfy {
                    $0.singularValues.tuned.count == 384 && $0.tunedDecomposition == .exact
                        && ($0.nullControls ?? []).allSatisfy { $0.spectrumIntruderFractions?.count == 10 }
                })
            #expect(
                run.matrices.filter { $0.spectrumIntruderFractions == nil }.allSatisfy {
                    $0.singularValues.tuned.count == 32 && $0.tunedDecomposition != .exact
                        && ($0.nullControls ?? []).allSatisfy { $0.spectrumIntruderFractions == nil }
                })
        }
    }
}
