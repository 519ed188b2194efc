import Testing
@testable import SpeclensCheckpoints

@Suite("Matrix selection")
struct MatrixSelectionTests {
    private func info(_ name: String, _ shape: [Int] = [4, 4], _ dtype: TensorDType = .F32) -> TensorInfo {
        TensorInfo(name: name, dtype: dtype, shape: shape, file: "m.safetensors", dataOffsets: 0..<0)
    }

    @Test("By default a 2-D float .weight matrix is analysed, in every supported float dtype")
    func defaultIncludesWeights() throws {
        let selection = try MatrixSelection()
        for dtype in [TensorDType.F32, .F16, .BF16, .F64] {
            #expect(selection.exclusionReason(for: info("encoder.layer.0.attention.self.query.weight", [4, 4], dtype)) == nil)
        }
    }

    @Test("Default exclusions and their reasons: integer dtype, 1-D, N-D, non-weight, embeddings, heads")
    func defaultReasons() throws {
        let s = try MatrixSelection()
        #expect(s.exclusionReason(for: info("embeddings.position_ids", [1, 512], .I64)) == "not a floating-point weight matrix (dtype I64)")
        #expect(s.exclusionReason(for: info("q.weight", [4, 4], .F8_E4M3)) == "not a floating-point weight matrix (dtype F8_E4M3)")
        #expect(s.exclusionReason(for: info("pooler.dense.bias", [384])) == "not a matrix (shape [384])")
        #expect(s.exclusionReason(for: info("h.0.attn.bias", [1, 1, 8, 8])) == "4-D tensor, not a matrix (shape [1, 1, 8, 8])")
        #expect(s.exclusionReason(for: info("rotary.inv_freq", [4, 4])) == "not a weight (name does not end in .weight)")
        #expect(s.exclusionReason(for: info("layers.0.proj.weight", [0, 4])) == "empty matrix (shape [0, 4]): nothing to decompose")
        for name in ["embeddings.position_embeddings.weight", "model.embed_tokens.weight", "transformer.wte.weight", "transformer.wpe.weight"] {
            #expect(s.exclusionReason(for: info(name)) == "embedding table; pass --include-embeddings")
        }
        for name in ["lm_head.weight", "classifier.weight", "score.weight", "qa_outputs.weight", "cls.predictions.transform.dense.weight"] {
            #expect(s.exclusionReason(for: info(name)) == "task head; pass --include-heads")
        }
    }

    @Test("includeEmbeddings and includeHeads admit embedding tables and heads")
    func flags() throws {
        let s = try MatrixSelection(includeEmbeddings: true, includeHeads: true)
        #expect(s.exclusionReason(for: info("embeddings.position_embeddings.weight")) == nil)
        #expect(s.exclusionReason(for: info("lm_head.weight")) == nil)
    }

    @Test("include patterns must match somewhere in the name; exclude patterns must not match")
    func patterns() throws {
        let s = try MatrixSelection(include: [#"encoder\.layer"#, "pooler"], exclude: [#"\.key\."#])
        #expect(s.exclusionReason(for: info("encoder.layer.0.attention.self.query.weight")) == nil)
        #expect(s.exclusionReason(for: info("pooler.dense.weight")) == nil)
        #expect(s.exclusionReason(for: info("decoder.dense.weight")) == "not matched by any --include pattern")
        #expect(s.exclusionReason(for: info("encoder.layer.0.attention.self.key.weight")) == #"matched by --exclude pattern "\.key\.""#)
    }

    @Test("An invalid regular expression → invalidPattern naming the pattern")
    func invalidPattern() {
        let error = #expect(throws: CheckpointError.self) { try MatrixSelection(exclude: ["ok", "(unclosed"]) }
        #expect(error?.caseName == "invalidPattern")
        #expect(error?.description.contains("(unclosed") == true)
    }
}
