import Foundation
import Testing

@testable import SpeclensReport

/// Module types are listed in the order data flows through a block, not alphabetically.
@Suite("Module order")
struct ModuleOrderTests {
    @Test(
        "BERT, Llama, GPT-2, T5, DistilBERT, GPT-NeoX and Phi modules sort in model order",
        arguments: [
            [
                "attention.self.query", "attention.self.key", "attention.self.value", "attention.output.dense",
                "intermediate.dense", "output.dense",
            ],
            [
                "self_attn.q_proj", "self_attn.k_proj", "self_attn.v_proj", "self_attn.o_proj",
                "mlp.gate_proj", "mlp.up_proj", "mlp.down_proj",
            ],
            ["attn.c_attn", "attn.c_proj", "mlp.c_fc", "mlp.c_proj"],
            [
                "layer.0.SelfAttention.q", "layer.0.SelfAttention.k", "layer.0.SelfAttention.v",
                "layer.0.SelfAttention.o",
                "layer.1.EncDecAttention.q", "layer.1.EncDecAttention.k", "layer.1.EncDecAttention.v",
                "layer.1.EncDecAttention.o",
                "layer.2.DenseReluDense.wi", "layer.2.DenseReluDense.wo",
            ],
            ["attention.q_lin", "attention.k_lin", "attention.v_lin", "attention.out_lin", "ffn.lin1", "ffn.lin2"],
            ["attention.query_key_value", "attention.dense", "mlp.dense_h_to_4h", "mlp.dense_4h_to_h"],
            ["self_attn.q_proj", "self_attn.k_proj", "self_attn.v_proj", "self_attn.dense", "mlp.fc1", "mlp.fc2"],
        ])
    func modelOrder(expected: [String]) {
        #expect(ModuleOrder.sorted(expected.reversed()) == expected)
        #expect(ModuleOrder.sorted(expected.sorted()) == expected)
    }

    @Test("embeddings come first, heads last, and modules without a known role between the MLP and the heads, by name")
    func others() {
        let shuffled = [
            "lm_head", "pooler.dense", "mlp.down_proj", "attention.output.LayerNorm", "embeddings.word_embeddings",
            "self_attn.q_proj", "block_sparse_moe.gate",
        ]
        #expect(
            ModuleOrder.sorted(shuffled) == [
                "embeddings.word_embeddings", "self_attn.q_proj", "mlp.down_proj",
                "attention.output.LayerNorm", "block_sparse_moe.gate", "pooler.dense", "lm_head",
            ])
    }

    @Test("the site lists module types in model order: pages, overview links and heat-map rows")
    func inTheReport() throws {
        var dataset = Fixtures.dataset()
        // Swap the fixture's modules so that alphabetical order (query < value) is not model order.
        for index in dataset.base.matrices.indices {
            dataset.base.matrices[index].module = index % 2 == 0 ? "attention.self.value" : "attention.self.key"
        }
        let directory = try ReadingEpsilonTests.render(dataset, ReportOptions())
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let index = Fixtures.read(directory + "/index.html")
        let key = try #require(index.range(of: "href=\"modules/attention.self.key.html\""))
        let value = try #require(index.range(of: "href=\"modules/attention.self.value.html\""))
        #expect(key.lowerBound < value.lowerBound)
        let csv = Fixtures.read(directory + "/charts/overview/effective-rank-full-ft.csv")
        let firstRow = csv.split(separator: "\n")[1]
        #expect(firstRow.hasPrefix("\"attention.self.key\""))
    }
}
