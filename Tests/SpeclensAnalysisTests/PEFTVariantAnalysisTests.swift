import Foundation
import SpeclensDataset
import SpeclensTestSupport
import Testing

@testable import SpeclensAnalysis

/// Each PEFT variant analysed twice in one sweep: as the adapter (merged by speclens) and as
/// PEFT's own merged weights read as a full fine-tune. Both must give the same ΔW measures and
/// the same singular-vector comparison, in the same orientation.
@Suite("PEFT variants analysed through the adapter agree with PEFT's own merged weights")
struct PEFTVariantAnalysisTests {
    static let root = Fixtures.peftReference

    static let variants = [
        "lora", "rslora", "patterns", "dora", "gpt2_fan_in_fan_out", "gpt2_dora", "embedding",
        "embedding_dora", "modules_to_save", "lora_bias",
    ]

    func analyze(_ variant: String) throws -> SpectralDataset {
        let folder = Self.root.appending(path: variant)
        let analyzer = try SpectralAnalyzer(
            parameters: AnalysisParameters(topK: 4, similarityTopN: 8, includeEmbeddings: true, includeHeads: true),
            workers: 1)
        return try analyzer.analyze(
            basePath: folder.appending(path: "base").path,
            tunedPaths: [folder.appending(path: "adapter").path, folder.appending(path: "merged.safetensors").path])
    }

    @Test("ΔW norms, effective ranks and max |cos| match between the adapter and PEFT's merge", arguments: variants)
    func agreement(variant: String) throws {
        let dataset = try analyze(variant)
        let (adapter, merged) = (dataset.runs[0], dataset.runs[1])
        let ours = Dictionary(uniqueKeysWithValues: adapter.matrices.map { ($0.name, $0) })
        let checked = merged.matrices.filter(\.changed)
        #expect(!checked.isEmpty)
        for reference in checked {
            let matrix = try #require(
                ours[reference.name], "\(variant): \(reference.name) not analysed from the adapter")
            #expect(matrix.changed)
            let relative = abs(matrix.frobeniusDelta - reference.frobeniusDelta) / reference.frobeniusDelta
            #expect(
                relative < 1e-5,
                "\(variant) \(reference.name): ‖ΔW‖ \(matrix.frobeniusDelta) vs \(reference.frobeniusDelta)")
            for (a, b) in zip(matrix.maxCosineTopK, reference.maxCosineTopK) {
                #expect(abs(a - b) < 1e-3, "\(variant) \(reference.name)")
            }
            #expect(
                abs(matrix.singularValues.delta[0] - reference.singularValues.delta[0])
                    / reference.singularValues.delta[0] < 1e-4)
        }
    }

    @Test("GPT-2 Conv1D weights and embedding tables are analysed transposed, and recorded so")
    func orientation() throws {
        let gpt2 = try analyze("gpt2_fan_in_fan_out")
        let cAttn = try #require(gpt2.base.matrices.first { $0.name.hasSuffix("h.0.attn.c_attn.weight") })
        #expect(cAttn.orientation == .inOut)
        #expect(cAttn.shape == [16, 48])  // as stored: [in, out]
        #expect(cAttn.vectorDimension == 48)  // output space
        #expect(cAttn.note != nil)  // fused q|k|v
        let embedding = try analyze("embedding")
        let table = try #require(embedding.base.matrices.first { $0.orientation == .embedding })
        #expect(table.vectorDimension == table.shape[1])
    }

    @Test("plain LoRA updates keep their effective rank at or below r; DoRA's rescaling makes them full rank")
    func lowRankVersusDoRA() throws {
        let lora = try analyze("lora").runs[0]
        let r = try #require(lora.lora?.r)
        #expect(lora.matrices.filter(\.changed).allSatisfy { $0.numericalRank <= r })
        let dora = try analyze("dora").runs[0]
        #expect(dora.matrices.filter(\.changed).contains { $0.numericalRank > r })
    }
}
