import SpeclensCheckpoints
import SpeclensTestSupport
import Testing

@testable import SpeclensAnalysis

@Suite("Matrix selection")
struct MatrixSelectionTests {
    private func info(_ name: String, _ shape: [Int] = [4, 4], _ dtype: TensorDType = .F32) -> TensorInfo {
        TensorInfo(name: name, dtype: dtype, shape: shape, file: "m.safetensors", dataOffsets: 0..<0)
    }

    @Test("By default a 2-D float .weight matrix is analysed, in every supported float dtype")
    func defaultIncludesWeights() throws {
        let selection = try MatrixSelection()
        for dtype in [TensorDType.F32, .F16, .BF16, .F64] {
            #expect(
                selection.exclusion(for: info("encoder.layer.0.attention.self.query.weight", [4, 4], dtype)) == nil)
        }
    }

    @Test("Default exclusions and their reasons: integer dtype, 1-D, 3-D, N-D, empty, non-weight, embeddings, heads")
    func defaultReasons() throws {
        let s = try MatrixSelection()
        #expect(s.exclusion(for: info("embeddings.position_ids", [1, 512], .I64)) == .unsupportedDtype(.I64))
        #expect(s.exclusion(for: info("q.weight", [4, 4], .F8_E4M3)) == .unsupportedDtype(.F8_E4M3))
        #expect(s.exclusion(for: info("pooler.dense.bias", [384])) == .notAMatrix(shape: [384]))
        #expect(s.exclusion(for: info("h.0.attn.bias", [1, 1, 8, 8])) == .notAMatrix(shape: [1, 1, 8, 8]))
        #expect(
            s.exclusion(for: info("model.layers.0.mlp.experts.gate_up_proj", [8, 32, 16]))
                == .stackedMatrices(shape: [8, 32, 16]))
        #expect(s.exclusion(for: info("rotary.inv_freq", [4, 4])) == .notAWeight)
        #expect(s.exclusion(for: info("layers.0.proj.weight", [0, 4])) == .emptyMatrix(shape: [0, 4]))
        for name in [
            "embeddings.position_embeddings.weight", "model.embed_tokens.weight", "transformer.wte.weight",
            "transformer.wpe.weight", "gpt_neox.embed_in.weight", "shared.weight",
        ] {
            #expect(s.exclusion(for: info(name)) == .embeddingNotSelected, "\(name)")
        }
        for name in [
            "lm_head.weight", "classifier.weight", "score.weight", "qa_outputs.weight",
            "cls.predictions.transform.dense.weight", "embed_out.weight", "gpt_neox.embed_out.weight",
        ] {
            #expect(s.exclusion(for: info(name)) == .headNotSelected, "\(name)")
        }
    }

    @Test("The reasons read as sentences without command-line flags, with their details and stable codes")
    func reasonWords() {
        #expect(ExclusionReason.unsupportedDtype(.I64).text == "not a floating-point weight matrix (dtype I64)")
        #expect(ExclusionReason.notAMatrix(shape: [384]).text == "not a matrix (shape [384])")
        #expect(
            ExclusionReason.notAMatrix(shape: [1, 1, 8, 8]).text == "4-D tensor, not a matrix (shape [1, 1, 8, 8])")
        #expect(ExclusionReason.stackedMatrices(shape: [8, 32, 16]).text.contains("MoE experts"))
        #expect(ExclusionReason.excluded(pattern: #"\.key\."#).text == #"matched by exclude pattern "\.key\.""#)
        #expect(ExclusionReason.embeddingNotSelected.code == .embeddingNotSelected)
        #expect(ExclusionReason.adapterModuleWithoutBase(module: "m").code == .noBaseCounterpart)
        let all: [ExclusionReason] = [
            .unsupportedDtype(.I64), .notAMatrix(shape: [1]), .stackedMatrices(shape: [1, 2, 3]),
            .emptyMatrix(shape: [0, 1]),
            .notAWeight, .embeddingNotSelected, .headNotSelected, .outsideBlocks, .notIncluded, .excluded(pattern: "x"),
            .absentFromTuned,
            .noBaseCounterpart, .adapterModuleWithoutBase(module: "m"), .savedModuleWithoutBase,
            .shapeMismatch(base: [1, 2], tuned: [2, 1], tunedName: "t"), .nameClash(modelName: "n"), .notALoRAFactor,
        ]
        #expect(all.allSatisfy { !$0.text.contains("--") })
    }

    @Test(
        "includeEmbeddings and includeHeads admit embedding tables and heads; GPT-NeoX embed_out is a head, embed_in an embedding"
    )
    func flags() throws {
        let both = try MatrixSelection(includeEmbeddings: true, includeHeads: true)
        #expect(both.exclusion(for: info("embeddings.position_embeddings.weight")) == nil)
        #expect(both.exclusion(for: info("lm_head.weight")) == nil)
        let heads = try MatrixSelection(includeHeads: true)
        #expect(heads.exclusion(for: info("gpt_neox.embed_out.weight")) == nil)
        #expect(heads.exclusion(for: info("gpt_neox.embed_in.weight")) == .embeddingNotSelected)
        let embeddings = try MatrixSelection(includeEmbeddings: true)
        #expect(embeddings.exclusion(for: info("gpt_neox.embed_in.weight")) == nil)
        #expect(embeddings.exclusion(for: info("gpt_neox.embed_out.weight")) == .headNotSelected)
    }

    @Test("include patterns must match somewhere in the name; exclude patterns must not match")
    func patterns() throws {
        let s = try MatrixSelection(include: [#"encoder\.layer"#, "pooler"], exclude: [#"\.key\."#])
        #expect(s.exclusion(for: info("encoder.layer.0.attention.self.query.weight")) == nil)
        #expect(s.exclusion(for: info("pooler.dense.weight")) == nil)
        #expect(s.exclusion(for: info("decoder.dense.weight")) == .notIncluded)
        #expect(s.exclusion(for: info("encoder.layer.0.attention.self.key.weight")) == .excluded(pattern: #"\.key\."#))
    }

    @Test(
        "A projection outside the repeated blocks (a pooler) is left out unless the heads are selected or an include pattern names it; a model without blocks keeps its projections"
    )
    func outsideBlocks() throws {
        let selection = try MatrixSelection()
        #expect(selection.exclusion(for: info("pooler.dense.weight")) == .outsideBlocks)
        #expect(selection.exclusion(for: info("encoder.layer.0.attention.self.query.weight")) == nil)
        #expect(try MatrixSelection(includeHeads: true).exclusion(for: info("pooler.dense.weight")) == nil)
        #expect(try MatrixSelection(include: ["pooler"]).exclusion(for: info("pooler.dense.weight")) == nil)
        #expect(selection.exclusion(for: info("pooler.dense.weight"), modelHasBlocks: false) == nil)
        let model = [info("pooler.dense.weight"), info("mlp.fc.weight")]
        #expect(selection.exclusions(of: model).isEmpty)
        #expect(
            selection.exclusions(of: model + [info("h.0.attn.weight")]) == [
                "pooler.dense.weight": .outsideBlocks, "mlp.fc.weight": .outsideBlocks,
            ])
    }

    @Test("An invalid regular expression → invalidPattern naming the pattern")
    func invalidPattern() {
        let error = #expect(throws: AnalysisError.self) { try MatrixSelection(exclude: ["ok", "(unclosed"]) }
        #expect(error?.caseName == "invalidPattern")
        #expect(error?.description.contains("(unclosed") == true)
    }
}
