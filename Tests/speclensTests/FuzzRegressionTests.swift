import Foundation
import SpeclensCheckpoints
import SpeclensTestSupport
import Testing

/// Every input kept under `Tests/FuzzRegressions/<fuzz target>/` (fuzzer findings and the seed
/// inputs that exercise error paths), run through the built `speclens` the way its fuzz target
/// feeds it (docs/fuzzing.md). The file name says what to expect: `ok-…` exits 0; `damaged-…`
/// exits 3 (output written, damaged matrices left out); any other name exits 1 with exactly one
/// `speclens: error:` line. Never a signal, a trap message or a sanitizer report.
@Suite("Fuzz regressions through the CLI", .serialized)
struct FuzzRegressionTests {
    /// `Tests/FuzzRegressions`.
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appending(path: "FuzzRegressions")

    /// The files under `Tests/FuzzRegressions/<target>`, as paths relative to that folder, sorted.
    static func inputs(_ target: String) -> [String] {
        let folder = root.appending(path: target)
        guard let enumerator = FileManager.default.enumerator(atPath: folder.path) else { return [] }
        var files: [String] = []
        while let path = enumerator.nextObject() as? String {
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: folder.appending(path: path).path, isDirectory: &isDirectory),
                !isDirectory.boolValue
            {
                files.append(path)
            }
        }
        return files.sorted()
    }

    /// Checks one run of `speclens` on the input `relative` (its file name gives the expectation).
    /// With `sameAsBase`, the checkpoint was given as base and as fine-tune: a readable one (`ok-`,
    /// `damaged-`) is then refused before any value is read, as the base itself, with exit 1.
    static func check(_ outcome: CommandRunner.Outcome, _ relative: String, sameAsBase: Bool = false) {
        let name = (relative as NSString).lastPathComponent
        let readable = name.hasPrefix("ok-") || name.hasPrefix("damaged-")
        if sameAsBase, readable {
            #expect(
                outcome.status == 1 && outcome.standardError.contains("equals the base"),
                "\(relative): \(outcome.standardError)")
        }
        let expected: Int32 =
            sameAsBase && readable ? 1 : name.hasPrefix("ok-") ? 0 : name.hasPrefix("damaged-") ? 3 : 1
        #expect(!outcome.signalled, "\(relative): ended by signal \(outcome.status)\n\(outcome.standardError)")
        #expect(outcome.status == expected, "\(relative): exit status \(outcome.status)\n\(outcome.standardError)")
        let errors = outcome.standardError.split(separator: "\n").filter { $0.hasPrefix("speclens: error:") }
        #expect(errors.count == (expected == 1 ? 1 : 0), "\(relative): \(outcome.standardError)")
        for marker in [
            "Fatal error", "AddressSanitizer", "runtime error", "Stack dump", "Illegal instruction",
            "Segmentation fault", "Current stack trace",
        ] {
            #expect(!outcome.standardError.contains(marker), "\(relative): \(outcome.standardError)")
        }
    }

    @Test("safetensors files: speclens analyze FILE FILE", arguments: inputs("FuzzSafetensorsHeader"))
    func safetensorsFile(_ relative: String) throws {
        let folder = try CommandRunner.scratch()
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = Self.root.appending(path: "FuzzSafetensorsHeader").appending(path: relative).path
        Self.check(
            try CommandRunner.run(["analyze", file, file, "-o", "dataset.json"], in: folder), relative, sameAsBase: true
        )
    }

    /// The two shards and the config the sharded-index fuzz target puts beside the fuzzed index
    /// (Fuzz/FuzzShardedIndex/ShardedIndexTarget.swift).
    static func writeShards(into folder: URL) throws {
        let shards: [(String, TensorDType, [(name: String, matrix: Matrix)])] = [
            (
                "model-00001-of-00002.safetensors", .F32,
                [
                    (
                        "model.layers.0.self_attn.q_proj.weight",
                        Matrix(rows: 3, columns: 2, values: [1, 2, 3, 4, 5, 6])
                    ),
                    ("model.layers.0.self_attn.v_proj.weight", Matrix(rows: 2, columns: 2, values: [0.5, -1, 2, 0])),
                ]
            ),
            (
                "model-00002-of-00002.safetensors", .BF16,
                [
                    ("model.layers.1.mlp.down_proj.weight", Matrix(rows: 2, columns: 3, values: [1, 0, 0, 0, 1, 0])),
                    ("lm_head.weight", Matrix(rows: 1, columns: 2, values: [0.25, 4])),
                ]
            ),
        ]
        for (name, dtype, tensors) in shards {
            try SafetensorsWriter.write(
                tensors, metadata: ["format": "pt"], to: folder.appending(path: name).path, dtype: dtype)
        }
        try Data(#"{"model_type": "llama"}"#.utf8).write(to: folder.appending(path: "config.json"))
    }

    @Test(
        "sharded indexes: speclens analyze FOLDER FOLDER beside two valid shards", arguments: inputs("FuzzShardedIndex")
    )
    func shardedIndex(_ relative: String) throws {
        let folder = try CommandRunner.scratch()
        defer { try? FileManager.default.removeItem(at: folder) }
        let model = folder.appending(path: "model")
        try FileManager.default.createDirectory(at: model, withIntermediateDirectories: true)
        try Self.writeShards(into: model)
        try FileManager.default.copyItem(
            at: Self.root.appending(path: "FuzzShardedIndex").appending(path: relative),
            to: model.appending(path: "model.safetensors.index.json"))
        Self.check(
            try CommandRunner.run(["analyze", "model", "model", "-o", "dataset.json"], in: folder), relative,
            sameAsBase: true)
    }

    /// Inputs are `<PEFT reference variant>/<name>.json`: the config is put beside that variant's
    /// adapter weights and analysed against its base.
    @Test(
        "adapter configs: speclens analyze BASE ADAPTER with a PEFT reference adapter",
        arguments: inputs("FuzzAdapterConfig"))
    func adapterConfig(_ relative: String) throws {
        let variant = try #require(relative.split(separator: "/").first.map(String.init))
        let reference = Fixtures.peftReference.appending(path: variant)
        let folder = try CommandRunner.scratch()
        defer { try? FileManager.default.removeItem(at: folder) }
        let adapter = folder.appending(path: "adapter")
        try FileManager.default.createDirectory(at: adapter, withIntermediateDirectories: true)
        try FileManager.default.copyItem(
            at: Self.root.appending(path: "FuzzAdapterConfig").appending(path: relative),
            to: adapter.appending(path: "adapter_config.json"))
        try FileManager.default.copyItem(
            at: reference.appending(path: "adapter/adapter_model.safetensors"),
            to: adapter.appending(path: "adapter_model.safetensors"))
        let outcome = try CommandRunner.run(
            ["analyze", reference.appending(path: "base").path, "adapter", "-o", "dataset.json"], in: folder)
        Self.check(outcome, relative)
    }

    @Test("datasets: speclens render DATASET -o DIR --single-file FILE", arguments: inputs("FuzzDatasetRender"))
    func dataset(_ relative: String) throws {
        let folder = try CommandRunner.scratch()
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = Self.root.appending(path: "FuzzDatasetRender").appending(path: relative).path
        let outcome = try CommandRunner.run(["render", file, "-o", "site", "--single-file", "report.html"], in: folder)
        Self.check(outcome, relative)
    }

    @Test("PyTorch files: speclens analyze FILE FILE (as pytorch_model.bin)", arguments: inputs("FuzzTorchZip"))
    func torchFile(_ relative: String) throws {
        let folder = try CommandRunner.scratch()
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.copyItem(
            at: Self.root.appending(path: "FuzzTorchZip").appending(path: relative),
            to: folder.appending(path: "pytorch_model.bin"))
        let outcome = try CommandRunner.run(
            ["analyze", "pytorch_model.bin", "pytorch_model.bin", "-o", "dataset.json"], in: folder)
        Self.check(outcome, relative, sameAsBase: true)
    }

    @Test(
        "PyTorch pickles: speclens analyze FILE FILE, the pickle as data.pkl of a stored ZIP archive beside three storages",
        arguments: inputs("FuzzTorchPickle"))
    func torchPickle(_ relative: String) throws {
        let folder = try CommandRunner.scratch()
        defer { try? FileManager.default.removeItem(at: folder) }
        let pickle = try Data(contentsOf: Self.root.appending(path: "FuzzTorchPickle").appending(path: relative))
        try StoredZip.torchArchive(pickle: pickle).write(to: folder.appending(path: "model.pt"))
        Self.check(
            try CommandRunner.run(["analyze", "model.pt", "model.pt", "-o", "dataset.json"], in: folder), relative,
            sameAsBase: true)
    }

    @Test("every fuzz target has regression inputs")
    func notEmpty() {
        for target in [
            "FuzzSafetensorsHeader", "FuzzShardedIndex", "FuzzAdapterConfig", "FuzzDatasetRender", "FuzzTorchPickle",
            "FuzzTorchZip",
        ] {
            #expect(!Self.inputs(target).isEmpty, "\(target)")
        }
    }
}
