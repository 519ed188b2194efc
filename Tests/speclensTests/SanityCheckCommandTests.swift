import Foundation
import SpeclensCheckpoints
import SpeclensDataset
import SpeclensTestSupport
import Testing

/// The sanity checks as a user meets them: which runs are refused (exit 1, nothing written, the
/// error in library words and a hint naming flags), and which are analysed with a warning or a
/// note on standard error and in the dataset.
@Suite("Sanity checks on the command line", .serialized)
struct SanityCheckCommandTests {
    static let reference = Fixtures.peftReference

    /// The lines of standard error.
    static func lines(_ outcome: CommandRunner.Outcome) -> [String] {
        outcome.standardError.split(separator: "\n").map(String.init)
    }

    // MARK: adapters for another model

    @Test(
        "A LLaMA-shaped adapter on the MiniLM base exits 1 without a dataset; the error names the adapter, 0 of 14 modules pairing, unmatched modules with their closest MiniLM weights; the hint names --map and --allow-partial",
        Fixtures.enabled)
    func llamaAdapterOnMiniLM() throws {
        try Fixtures.require()
        let folder = try CommandRunner.scratch()
        defer { try? FileManager.default.removeItem(at: folder) }
        let adapter = Self.reference.appending(path: "lora/adapter").path
        let outcome = try CommandRunner.run(["analyze", Fixtures.minilm("base"), adapter, "-o", "d.json"], in: folder)
        #expect(outcome.status == 1)
        let lines = Self.lines(outcome)
        #expect(lines.count == 2)
        #expect(
            lines[0].hasPrefix(
                "speclens: error: the adapter \(adapter) does not fit the base \(Fixtures.minilm("base")): only 0 of 14 LoRA module(s) target a weight the base has; unmatched: model.layers.0.mlp.down_proj (closest base weights: encoder.layer.0.output.dense.weight, encoder.layer.0.intermediate.dense.weight);"
            ))
        #expect(lines[0].contains("; and 11 more."))
        #expect(!lines[0].contains("--"))
        #expect(
            lines[1]
                == "speclens: hint: if the adapter's module names only differ from the base's, rewrite them with --map FROM=TO; to analyse the modules that pair anyway, add --allow-partial"
        )
        #expect(!FileManager.default.fileExists(atPath: folder.appending(path: "d.json").path))
    }

    @Test(
        "A GPT-2 adapter (fan_in_fan_out) on the MiniLM base exits 1: 0 of 8 modules pair, transformer.h.0.attn.c_attn named first; report writes no site",
        Fixtures.enabled)
    func gpt2AdapterOnMiniLM() throws {
        try Fixtures.require()
        let folder = try CommandRunner.scratch()
        defer { try? FileManager.default.removeItem(at: folder) }
        let adapter = Self.reference.appending(path: "gpt2_fan_in_fan_out/adapter").path
        let outcome = try CommandRunner.run(["analyze", Fixtures.minilm("base"), adapter, "-o", "d.json"], in: folder)
        #expect(outcome.status == 1)
        #expect(
            Self.lines(outcome).first?.contains(
                "only 0 of 8 LoRA module(s) target a weight the base has; unmatched: transformer.h.0.attn.c_attn (closest base weights: "
            ) == true)
        #expect(!FileManager.default.fileExists(atPath: folder.appending(path: "d.json").path))
        let report = try CommandRunner.run(["report", Fixtures.minilm("base"), adapter, "-o", "site"], in: folder)
        #expect(report.status == 1)
        #expect(!FileManager.default.fileExists(atPath: folder.appending(path: "site").path))
    }

    @Test(
        "--allow-partial analyses the LLaMA adapter on MiniLM and writes the dataset, with three run warnings: the pairing (0 of 14), hidden size 16 against 384, and no analysed matrix changed",
        Fixtures.enabled)
    func allowPartial() throws {
        try Fixtures.require()
        let folder = try CommandRunner.scratch()
        defer { try? FileManager.default.removeItem(at: folder) }
        let adapter = Self.reference.appending(path: "lora/adapter").path
        let outcome = try CommandRunner.run(
            [
                "analyze", Fixtures.minilm("base"), adapter, "--allow-partial", "--include", #"encoder\.layer\.0\."#,
                "-o", "d.json",
            ], in: folder)
        #expect(outcome.status == 0, "\(outcome.standardError)")
        let dataset = try DatasetCoding.read(from: folder.appending(path: "d.json").path)
        let warnings = dataset.runs[0].warnings
        #expect(warnings.count == 3)
        #expect(
            warnings[0].hasPrefix(
                "fewer than half of the adapter's LoRA modules pair with the base: 0 of 14 LoRA module(s) target a weight the base has; unmatched: model.layers.0.mlp.down_proj"
            ))
        #expect(
            warnings[1]
                == #"the adapter's module shapes imply hidden size 16, but the base has 384 in its config.json ("hidden_size") and 384 in its layer matrices: the adapter was made for a model of another width"#
        )
        #expect(warnings[2] == "every analysed matrix is unchanged: the adapter changes no weight of this base")
        #expect(dataset.runs[0].summary.unchangedMatrices == dataset.runs[0].summary.analysedMatrices)
        #expect(
            dataset.runs[0].skipped.filter { $0.source == .adapter && $0.reasonCode == .noBaseCounterpart }.count == 14)
        #expect(dataset.parameters == AnalysisParameters(include: [#"encoder\.layer\.0\."#]))
        for warning in warnings {
            #expect(outcome.standardError.contains("speclens: warning: run adapter: \(warning)"))
        }
    }

    // MARK: the base as a run

    @Test(
        "The base given as its own fine-tune — the same folder, a symlink to its file, a byte-identical copy — exits 1 before any analysis, saying the fine-tune equals the base",
        arguments: ["same folder", "symlink", "copy"])
    func baseAsRun(form: String) throws {
        let folder = try CommandRunner.scratch()
        defer { try? FileManager.default.removeItem(at: folder) }
        let base = Self.reference.appending(path: "lora/base")
        let tuned: String
        switch form {
        case "symlink":
            tuned = folder.appending(path: "link.safetensors").path
            try FileManager.default.createSymbolicLink(
                atPath: tuned, withDestinationPath: base.appending(path: "model.safetensors").path)
        case "copy":
            tuned = folder.appending(path: "copy").path
            try FileManager.default.copyItem(at: base, to: URL(fileURLWithPath: tuned))
        default:
            tuned = base.path
        }
        let outcome = try CommandRunner.run(["analyze", base.path, tuned, "-o", "d.json"], in: folder)
        #expect(outcome.status == 1)
        let lines = Self.lines(outcome)
        let evidence =
            form == "copy"
            ? "its files are byte for byte the base's files"
            : "its files are the base's own files (the same paths once links are resolved)"
        #expect(
            lines.first
                == "speclens: error: the fine-tune \(tuned) equals the base \(base.path): \(evidence); comparing a model with itself measures nothing, so no dataset is written"
        )
        #expect(
            lines.last == "speclens: hint: the first argument is the base; give the fine-tuned checkpoints after it")
        #expect(!FileManager.default.fileExists(atPath: folder.appending(path: "d.json").path))
    }

    @Test(
        "A re-saved base (same values, other bytes) exits 1 after the analysis, saying all 16 analysed matrices equal the base's; no dataset; split in two shards, each is written but merge refuses"
    )
    func resavedBase() throws {
        let folder = try CommandRunner.scratch()
        defer { try? FileManager.default.removeItem(at: folder) }
        let base = Self.reference.appending(path: "lora/base")
        let tuned = folder.appending(path: "resaved.safetensors").path
        try TestFiles.resavedCopy(of: base.appending(path: "model.safetensors").path, to: tuned)
        let outcome = try CommandRunner.run(
            ["analyze", base.path, tuned, "--include-embeddings", "--include-heads", "-o", "d.json"], in: folder)
        #expect(outcome.status == 1)
        let lines = Self.lines(outcome)
        #expect(
            lines.contains(
                "speclens: error: the fine-tune \(tuned) equals the base \(base.path): all 16 analysed matrices are identical to the base's (ΔW = 0 everywhere in the selection); comparing a model with itself measures nothing, so no dataset is written"
            ))
        #expect(
            lines.last
                == "speclens: hint: if the fine-tune changed tensors outside the selection, widen it (--include/--exclude, --include-embeddings, --include-heads)"
        )
        #expect(!FileManager.default.fileExists(atPath: folder.appending(path: "d.json").path))

        for index in 0..<2 {
            let shard = try CommandRunner.run(
                ["analyze", base.path, tuned, "--shard", "\(index)/2", "-o", "p\(index).json"], in: folder)
            #expect(shard.status == 0, "\(shard.standardError)")
        }
        let merge = try CommandRunner.run(["merge", "p0.json", "p1.json", "-o", "merged.json"], in: folder)
        #expect(merge.status == 1)
        #expect(merge.standardError.contains("equals the base"))
        #expect(!FileManager.default.fileExists(atPath: folder.appending(path: "merged.json").path))
    }

    // MARK: runs analysed with a warning or a note

    @Test(
        "A LoRA run whose selection leaves out every adapted module (only lm_head selected) is written with the warning that every analysed matrix is unchanged"
    )
    func allUnchangedLoRA() throws {
        let folder = try CommandRunner.scratch()
        defer { try? FileManager.default.removeItem(at: folder) }
        let outcome = try CommandRunner.run(
            [
                "analyze", Self.reference.appending(path: "lora/base").path,
                Self.reference.appending(path: "lora/adapter").path,
                "--include-heads", "--include", "lm_head", "-o", "d.json",
            ], in: folder)
        #expect(outcome.status == 0, "\(outcome.standardError)")
        let text =
            "every analysed matrix is unchanged: the selection leaves out all 14 base weight(s) the adapter changes, so this run shows nothing of the adapter"
        #expect(outcome.standardError.contains("speclens: warning: run adapter: \(text)"))
        let dataset = try DatasetCoding.read(from: folder.appending(path: "d.json").path)
        #expect(dataset.runs[0].warnings == [text])
        #expect(dataset.runs[0].summary.analysedMatrices == 1)
        #expect(dataset.runs[0].summary.unchangedMatrices == 1)
    }

    @Test(
        "An adapter reaching layer 3 on a 2-layer base, half of its modules pairing, is analysed with a layer-count warning"
    )
    func deeperAdapter() throws {
        let folder = try CommandRunner.scratch()
        defer { try? FileManager.default.removeItem(at: folder) }
        var base: [(name: String, matrix: Matrix)] = []
        for layer in 0..<2 {
            base.append(
                (
                    "model.layers.\(layer).q.weight",
                    Matrix(rows: 4, columns: 4, values: (0..<16).map { Float(($0 * 5 + layer) % 7) - 3 })
                ))
        }
        try TestFiles.write(#"{"hidden_size": 4, "num_hidden_layers": 2}"#, folder.path, "base/config.json")
        try SafetensorsWriter.write(base, to: folder.appending(path: "base/model.safetensors").path)
        try TestFiles.write(#"{"peft_type":"LORA","r":1,"lora_alpha":1}"#, folder.path, "deep/adapter_config.json")
        try SafetensorsWriter.write(
            (0..<4).flatMap { layer in
                [
                    (name: "base_model.model.model.layers.\(layer).q.lora_A.weight", matrix: TestFiles.ramp(1, 4)),
                    (name: "base_model.model.model.layers.\(layer).q.lora_B.weight", matrix: TestFiles.ramp(4, 1)),
                ]
            }, to: folder.appending(path: "deep/adapter_model.safetensors").path)
        let outcome = try CommandRunner.run(["analyze", "base", "deep", "-o", "d.json"], in: folder)
        #expect(outcome.status == 0, "\(outcome.standardError)")
        let text =
            #"the adapter adapts layer 3, so its model has at least 4 layers, but the base has 2 in its config.json ("num_hidden_layers") and 2 in its tensor names: the adapter was made for a deeper model"#
        #expect(outcome.standardError.contains("speclens: warning: run deep: \(text)"))
        #expect(try DatasetCoding.read(from: folder.appending(path: "d.json").path).runs[0].warnings == [text])
    }

    @Test(
        "A MiniLM LoRA fixture naming sentence-transformers/all-MiniLM-L6-v2 over a base whose config names its backbone gets a note, not a warning, and exits 0",
        Fixtures.enabled)
    func declaredNameNote() throws {
        try Fixtures.require()
        let folder = try CommandRunner.scratch()
        defer { try? FileManager.default.removeItem(at: folder) }
        let outcome = try CommandRunner.run(
            [
                "analyze", Fixtures.minilm("base"), Fixtures.minilm("lora-r8-a16"),
                "--include", #"encoder\.layer\.0\.attention\.self\.query"#, "-o", "d.json",
            ], in: folder)
        #expect(outcome.status == 0, "\(outcome.standardError)")
        let run = try DatasetCoding.read(from: folder.appending(path: "d.json").path).runs[0]
        let note =
            #"the adapter names its base model "sentence-transformers/all-MiniLM-L6-v2"; the base's config.json names "nreimers/MiniLM-L6-H384-uncased". Names often differ for the same weights (a fine-tuned model's config can keep its backbone's name); the fit is judged by tensor names, shapes and layers"#
        #expect(run.notes == [note])
        #expect(run.warnings.isEmpty)
        #expect(outcome.standardError.contains("speclens: note: run lora-r8-a16: \(note)"))
        #expect(!outcome.standardError.contains("warning"))
    }
}
