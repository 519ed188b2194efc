import Testing
@testable import SpeclensCheckpoints

@Suite("Tensor locations")
struct TensorLocationTests {
    @Test("Layer index follows the first layer/layers/h/blocks component; module is the rest without .weight",
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
        #expect(TensorLocation(tensorName: name) == TensorLocation(layer: layer, module: module))
    }
}
