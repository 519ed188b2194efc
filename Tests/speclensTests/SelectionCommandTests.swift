import Foundation
import SpeclensCheckpoints
import SpeclensDataset
import Testing

/// Which tensors `analyze` selects, through the command line, on a GPT-NeoX-shaped checkpoint
/// (input table `embed_in`, output head `embed_out`, a fused q|k|v projection).
@Suite("Selecting embeddings and heads from the command line", .serialized)
struct SelectionCommandTests {
    /// Writes the base and a fine-tune that changes every tensor a little; returns the folder.
    static func neoxPair() throws -> URL {
        let folder = try CommandRunner.scratch()
        let names = [
            ("gpt_neox.embed_in.weight", 20, 8), ("gpt_neox.layers.0.attention.query_key_value.weight", 24, 8),
            ("gpt_neox.layers.0.mlp.dense_h_to_4h.weight", 16, 8), ("embed_out.weight", 20, 8),
        ]
        var base: [(name: String, matrix: Matrix)] = []
        var tuned: [(name: String, matrix: Matrix)] = []
        for (index, (name, rows, columns)) in names.enumerated() {
            let w0 = Matrix(
                rows: rows, columns: columns, values: (0..<(rows * columns)).map { Float(($0 * 7 + index) % 11) - 5 })
            var wt = w0
            wt[1, 2] += 0.25
            base.append((name, w0))
            tuned.append((name, wt))
        }
        try SafetensorsWriter.write(base, to: folder.appending(path: "base.safetensors").path)
        try SafetensorsWriter.write(tuned, to: folder.appending(path: "tuned.safetensors").path)
        return folder
    }

    @Test(
        "--include-heads analyses GPT-NeoX's embed_out (an output head), while embed_in stays an embedding table left out with its reason code"
    )
    func embedOutIsAHead() throws {
        let folder = try Self.neoxPair()
        defer { try? FileManager.default.removeItem(at: folder) }
        let outcome = try CommandRunner.run(
            ["analyze", "base.safetensors", "tuned.safetensors", "--include-heads", "-o", "d.json"], in: folder)
        #expect(outcome.status == 0, "\(outcome.standardError)")
        let dataset = try DatasetCoding.read(from: folder.appending(path: "d.json").path)
        #expect(
            dataset.base.matrices.map(\.name) == [
                "embed_out.weight", "gpt_neox.layers.0.attention.query_key_value.weight",
                "gpt_neox.layers.0.mlp.dense_h_to_4h.weight",
            ])
        #expect(dataset.base.matrices.first?.orientation == .outIn)
        let skipped = try #require(dataset.runs.first?.skipped.first { $0.name == "gpt_neox.embed_in.weight" })
        #expect(skipped.reasonCode == .embeddingNotSelected)
        #expect(!skipped.reason.contains("--"))
        #expect(outcome.standardError.contains("1 embedding table(s) were not analysed (add --include-embeddings)"))
    }

    @Test(
        "By default embed_out is left out as a head and the CLI says which flag adds it; --include-embeddings adds embed_in, transposed"
    )
    func defaults() throws {
        let folder = try Self.neoxPair()
        defer { try? FileManager.default.removeItem(at: folder) }
        let plain = try CommandRunner.run(
            ["analyze", "base.safetensors", "tuned.safetensors", "-o", "d.json"], in: folder)
        #expect(plain.status == 0, "\(plain.standardError)")
        let dataset = try DatasetCoding.read(from: folder.appending(path: "d.json").path)
        #expect(dataset.runs[0].skipped.first { $0.name == "embed_out.weight" }?.reasonCode == .headNotSelected)
        #expect(plain.standardError.contains("1 output or task head(s) were not analysed (add --include-heads)"))

        let embeddings = try CommandRunner.run(
            ["analyze", "base.safetensors", "tuned.safetensors", "--include-embeddings", "-o", "e.json"], in: folder)
        #expect(embeddings.status == 0, "\(embeddings.standardError)")
        let withTables = try DatasetCoding.read(from: folder.appending(path: "e.json").path)
        #expect(withTables.base.matrices.first { $0.name == "gpt_neox.embed_in.weight" }?.orientation == .embedding)
    }

    @Test("An empty selection is one library error without flags, followed by a hint naming the flags to use")
    func emptySelectionHint() throws {
        let folder = try Self.neoxPair()
        defer { try? FileManager.default.removeItem(at: folder) }
        let outcome = try CommandRunner.run(
            ["analyze", "base.safetensors", "tuned.safetensors", "--include", "nothing-matches", "-o", "d.json"],
            in: folder)
        #expect(outcome.status == 1)
        let lines = outcome.standardError.split(separator: "\n").map(String.init)
        #expect(lines.count == 2)
        #expect(lines[0].hasPrefix("speclens: error: no weight matrix of base.safetensors was selected"))
        #expect(!lines[0].contains("--"))
        #expect(lines[1] == "speclens: hint: check --include/--exclude, or add --include-embeddings / --include-heads")
        #expect(!FileManager.default.fileExists(atPath: folder.appending(path: "d.json").path))
    }
}
