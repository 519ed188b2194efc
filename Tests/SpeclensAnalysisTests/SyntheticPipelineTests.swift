import Foundation
import SpeclensCheckpoints
import SpeclensDataset
import Testing

@testable import SpeclensAnalysis

@Suite("Analysis of the synthetic demo pair, end to end through real checkpoint files", .serialized)
struct SyntheticPipelineTests {
    /// The demo checkpoints, written once to a scratch folder.
    static let folder: URL = {
        let url = FileManager.default.temporaryDirectory.appending(path: "speclens-tests-\(UUID().uuidString)")
        try? SyntheticModelPair().write(to: url)
        return url
    }()

    static func analyze(workers: Int = 2, parameters: AnalysisParameters = AnalysisParameters())
        throws -> SpectralDataset
    {
        try SpectralAnalyzer(parameters: parameters, workers: workers).analyze(
            basePath: folder.appending(path: "base").path,
            tunedPaths: [folder.appending(path: "full-ft").path, folder.appending(path: "lora-r8").path])
    }

    static let dataset = Result(catching: { try analyze() })

    @Test("the 24 projection matrices are analysed; the embedding table is skipped with a reason")
    func selection() throws {
        let dataset = try Self.dataset.get()
        #expect(dataset.base.matrices.count == 24)
        let full = dataset.runs[0]
        #expect(full.skipped.contains { $0.name == "model.embed_tokens.weight" && $0.source == .base })
        #expect(full.skipped.count == 1)
        #expect(dataset.base.matrices.first?.layer == 0)
        #expect(dataset.base.matrices.first?.module == "mlp.down_proj")
    }

    @Test("the full-rank update creates no intruder at ε = 0.5; the LoRA update creates some in every adapted matrix")
    func intruders() throws {
        let dataset = try Self.dataset.get()
        let (full, lora) = (dataset.runs[0], dataset.runs[1])
        #expect(full.kind == .full && lora.kind == .lora)
        #expect(full.summary.intruders == 0)
        let adapted = lora.matrices.filter(\.changed)
        #expect(adapted.count == 8)
        #expect(adapted.allSatisfy { $0.intruders >= 1 && $0.name.contains(/q_proj|v_proj/) })
        #expect(lora.summary.intruders == adapted.reduce(0) { $0 + $1.intruders })
    }

    @Test("matrices the adapter does not touch are recorded as unchanged, with no effective rank")
    func unchanged() throws {
        let lora = try Self.dataset.get().runs[1]
        let untouched = lora.matrices.filter { !$0.changed }
        #expect(untouched.count == 16)
        #expect(untouched.allSatisfy { $0.effectiveRank == nil && $0.intruders == 0 && $0.frobeniusDelta == 0 })
        #expect(lora.summary.unchangedMatrices == 16)
    }

    @Test("LoRA effective ranks stay at or below r = 8; full fine-tuning's are far higher")
    func effectiveRanks() throws {
        let dataset = try Self.dataset.get()
        let loraRanks = dataset.runs[1].matrices.compactMap(\.effectiveRank)
        #expect(loraRanks.allSatisfy { $0 <= 8 + 1e-9 })
        #expect(dataset.runs[1].matrices.filter(\.changed).allSatisfy { $0.numericalRank == 8 })
        #expect((dataset.runs[0].summary.meanEffectiveRank ?? 0) > 40)
    }

    @Test("the same inputs give byte-identical JSON, whatever the number of workers")
    func deterministic() throws {
        let first = try DatasetCoding.encode(try Self.dataset.get())
        let again = try DatasetCoding.encode(try Self.analyze(workers: 1))
        #expect(first == again)
    }

    @Test("the dataset survives a JSON round trip unchanged")
    func roundTrip() throws {
        let dataset = try Self.dataset.get()
        let decoded = try DatasetCoding.decode(try DatasetCoding.encode(dataset), path: "memory")
        #expect(decoded == dataset)
    }

    @Test("k and N are clamped to min(out, in) and recorded per matrix")
    func clamping() throws {
        let dataset = try Self.analyze(
            parameters: AnalysisParameters(
                topK: 500, similarityTopN: 1000, include: ["layers\\.0\\.self_attn\\.q_proj"]))
        let record = try #require(dataset.base.matrices.first)
        #expect(record.topK == 128 && record.similarityTopN == 128)
        #expect(dataset.runs[1].matrices[0].maxCosineTopK.count == 128)
        #expect(dataset.runs[1].matrices[0].similarity.count == 128)
    }

    @Test("a selection that leaves nothing is an error that says what to do")
    func nothingSelected() throws {
        #expect(throws: AnalysisError.self) {
            try Self.analyze(parameters: AnalysisParameters(include: ["no-such-matrix"]))
        }
    }

    @Test(
        "invalid parameters are refused before any file is read",
        arguments: [
            AnalysisParameters(topK: 0), AnalysisParameters(epsilon: 0), AnalysisParameters(epsilon: 1.5),
            AnalysisParameters(similarityTopN: 0),
        ])
    func invalidParameters(parameters: AnalysisParameters) {
        #expect(throws: AnalysisError.self) { try SpectralAnalyzer(parameters: parameters) }
    }
}
