import SpeclensDataset
import Testing

@Suite("Tensor names: layer, module and kind")
struct TensorNameTests {
    @Test(
        "The layer index follows the first layer/layers/h/blocks component; the module is the rest without .weight",
        arguments: [
            ("encoder.layer.3.attention.self.query.weight", 3 as Int?, "attention.self.query"),
            ("transformer.h.11.attn.c_attn.weight", 11, "attn.c_attn"),
            ("model.layers.31.mlp.down_proj.weight", 31, "mlp.down_proj"),
            ("vision.blocks.0.mlp.fc1.weight", 0, "mlp.fc1"),
            ("bert.encoder.layer.5.output.dense.weight", 5, "output.dense"),
            ("pooler.dense.weight", nil, "pooler.dense"),
            ("layer.norm.weight", nil, "layer.norm"),
            ("embeddings.position_ids", nil, "embeddings.position_ids"),
        ])
    func location(name: String, layer: Int?, module: String) {
        let parsed = TensorName(name)
        #expect(parsed.layer == layer)
        #expect(parsed.module == module)
    }

    @Test(
        "Output heads are heads, wherever the model puts them: GPT-NeoX embed_out, LLaMA lm_head, BERT cls.*, classifiers",
        arguments: [
            "embed_out.weight", "gpt_neox.embed_out.weight", "lm_head.weight", "cls.predictions.transform.dense.weight",
            "cls.predictions.decoder.weight", "cls.seq_relationship.weight", "classifier.weight",
            "classifier.dense.weight",
            "score.weight", "qa_outputs.weight",
        ])
    func heads(name: String) {
        #expect(TensorName(name).kind == .head)
    }

    @Test(
        "Embedding tables are embeddings: GPT-NeoX embed_in, LLaMA embed_tokens, BERT word/position embeddings, GPT-2 wte/wpe, T5 shared",
        arguments: [
            "gpt_neox.embed_in.weight", "model.embed_tokens.weight", "embeddings.word_embeddings.weight",
            "bert.embeddings.position_embeddings.weight", "transformer.wte.weight", "transformer.wpe.weight",
            "shared.weight",
            "encoder.embed_tokens.weight", "model.decoder.embed_positions.weight",
        ])
    func embeddings(name: String) {
        #expect(TensorName(name).kind == .embedding)
    }

    @Test(
        "Projections and norms: attention and MLP weights are projections; LayerNorm, ln_f and RMSNorm weights are norms",
        arguments: [
            ("encoder.layer.0.attention.self.query.weight", TensorKind.projection),
            ("transformer.h.0.attn.c_attn.weight", .projection),
            ("model.layers.0.mlp.gate_up_proj.weight", .projection),
            ("pooler.dense.weight", .projection),
            ("t5.encoder.block.0.layer.0.SelfAttention.q.weight", .projection),
            ("decoder.shared_proj.weight", .projection),
            ("embeddings.LayerNorm.weight", .norm),
            ("transformer.ln_f.weight", .norm),
            ("model.layers.0.input_layernorm.weight", .norm),
            ("model.norm.weight", .norm),
        ])
    func others(name: String, kind: TensorKind) {
        #expect(TensorName(name).kind == kind)
    }

    @Test("isWeight: only a dotted name ending in .weight; the leaf is the last module component")
    func weightAndLeaf() {
        #expect(TensorName("a.b.weight").isWeight)
        #expect(TensorName("a.b.weight").leaf == "b")
        #expect(!TensorName("weight").isWeight)
        #expect(!TensorName("rotary.inv_freq").isWeight)
        #expect(TensorName("rotary.inv_freq").leaf == "inv_freq")
    }
}
