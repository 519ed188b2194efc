import Foundation
import SpeclensDataset
import SpeclensTestSupport
import Testing

@testable import SpeclensAnalysis

/// The float64 reference of `minilm/reference.json`, per run.
struct ReferenceRun: Decodable {
    struct Matrix: Decodable {
        let name: String
        let shape: [Int]
        let top_max_cos: [Double]
        let intruders: [String: Int]
        let effective_rank_dw: Double
        let fro_dw: Double
        let fro_w0: Double
    }
    let intruders_total_k10: [String: Int]
    let mean_effective_rank_dw: Double
    let matrices: [Matrix]
}

@Suite("Real fine-tunes of all-MiniLM-L6-v2 against their float64 reference", .serialized, Fixtures.enabled)
struct MiniLMReferenceTests {
    static let runs = ["full", "lora-r1-a2", "lora-r8-a16", "lora-r64-a128"]

    /// One sweep over the four runs: the base is read and decomposed once.
    static let analysis: Result<(SpectralDataset, [String: ReferenceRun]), any Error> = Result(catching: {
        guard Fixtures.available else { throw CancellationError() }
        let data = try Data(contentsOf: Fixtures.minilm.appending(path: "reference.json"))
        let reference = try JSONDecoder().decode([String: ReferenceRun].self, from: data)
        let analyzer = try SpectralAnalyzer(
            parameters: AnalysisParameters(include: ["encoder\\.layer"], nullControls: false), workers: 2)
        let dataset = try analyzer.analyze(
            basePath: Fixtures.minilm.appending(path: "base").path,
            tunedPaths: runs.map { Fixtures.minilm.appending(path: $0).path })
        return (dataset, reference)
    })

    func load() throws -> (SpectralDataset, [String: ReferenceRun]) {
        try Fixtures.require()
        return try Self.analysis.get()
    }

    @Test("the 36 encoder matrices are analysed in every run, with the reference's names and shapes")
    func matrices() throws {
        let (dataset, reference) = try load()
        #expect(dataset.base.matrices.count == 36)
        for run in dataset.runs {
            let expected = try #require(reference[run.id.rawValue])
            #expect(run.matrices.map(\.name) == expected.matrices.map(\.name).sorted())
            #expect(run.matrices.allSatisfy { $0.changed })
        }
        let shapes = Dictionary(uniqueKeysWithValues: dataset.base.matrices.map { ($0.name, $0.shape) })
        for matrix in reference["full"]!.matrices { #expect(shapes[matrix.name] == matrix.shape) }
    }

    @Test("max |cos| of each top-10 fine-tuned vector is within 1e-3 of the reference", arguments: runs)
    func maxCosines(run id: String) throws {
        let (dataset, reference) = try load()
        let run = try #require(dataset.runs.first { $0.id.rawValue == id })
        let expected = Dictionary(uniqueKeysWithValues: reference[id]!.matrices.map { ($0.name, $0) })
        for matrix in run.matrices {
            let truth = try #require(expected[matrix.name])
            #expect(matrix.maxCosineTopK.count == 10)
            for (ours, theirs) in zip(matrix.maxCosineTopK, truth.top_max_cos) {
                #expect(abs(Double(ours) - theirs) <= 1e-3, "\(id) \(matrix.name)")
            }
        }
    }

    @Test("effective rank of ΔW is within 1e-3 relative of the reference, per matrix and on average", arguments: runs)
    func effectiveRanks(run id: String) throws {
        let (dataset, reference) = try load()
        let run = try #require(dataset.runs.first { $0.id.rawValue == id })
        let truth = reference[id]!
        let expected = Dictionary(uniqueKeysWithValues: truth.matrices.map { ($0.name, $0) })
        for matrix in run.matrices {
            let rank = try #require(matrix.effectiveRank)
            let reference = expected[matrix.name]!.effective_rank_dw
            #expect(abs(rank - reference) / reference <= 1e-3, "\(id) \(matrix.name): \(rank) vs \(reference)")
            let fro = expected[matrix.name]!.fro_dw
            #expect(abs(matrix.frobeniusDelta - fro) / fro <= 1e-4)
        }
        let mean = try #require(run.summary.meanEffectiveRank)
        #expect(abs(mean - truth.mean_effective_rank_dw) / truth.mean_effective_rank_dw <= 1e-3)
    }

    @Test(
        "intruder totals equal the reference at every ε, up to the vectors lying within 1e-3 of that ε", arguments: runs
    )
    func intruderTotals(run id: String) throws {
        let (dataset, reference) = try load()
        let run = try #require(dataset.runs.first { $0.id.rawValue == id })
        let truth = reference[id]!
        for (key, expected) in truth.intruders_total_k10 {
            let epsilon = try #require(Double(key))
            let ours = try #require(run.summary.intrudersByEpsilon[epsilon])
            let allowance = truth.matrices.flatMap(\.top_max_cos).filter { abs($0 - epsilon) <= 1e-3 }.count
            #expect(abs(ours - expected) <= allowance, "\(id) at ε=\(key): \(ours) vs \(expected)")
        }
        #expect(run.summary.intrudersByEpsilon.pairs.count == 19)
    }

    @Test("at the default ε = 0.5 no run has intruders, while at ε = 0.7 every LoRA run has some and full FT none")
    func epsilonSeparatesLoRAFromFull() throws {
        let (dataset, _) = try load()
        for run in dataset.runs {
            #expect(run.summary.intruders == 0)
            let at07 = run.summary.intrudersByEpsilon[0.7] ?? -1
            if run.kind == .full { #expect(at07 == 0) } else { #expect(at07 > 0) }
        }
    }

    @Test("LoRA runs record their adapter's rank and alpha; the classifier head is skipped with a reason")
    func loraRecords() throws {
        let (dataset, _) = try load()
        let r8 = try #require(dataset.runs.first { $0.id == "lora-r8-a16" })
        #expect(r8.kind == .lora)
        #expect(r8.lora?.r == 8)
        #expect(r8.lora?.alpha == 16)
        #expect(r8.lora?.scale == 2)
        #expect(r8.skipped.contains { $0.name.contains("classifier.weight") && $0.source == .adapter })
        // Base tensors outside the selection are listed for LoRA runs as for full ones.
        #expect(r8.skipped.contains { $0.name == "embeddings.position_embeddings.weight" && $0.source == .base })
        #expect(r8.skipped.contains { $0.name == "pooler.dense.weight" && $0.source == .base })
        let r1 = try #require(dataset.runs.first { $0.id == "lora-r1-a2" })
        #expect(r1.matrices.allSatisfy { $0.effectiveRank == 1 })
    }
}
