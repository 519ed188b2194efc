import Foundation
import SpeclensCheckpoints
import SpeclensDataset
import SpeclensTestSupport
import Testing

@Suite("The speclens command line, run as a user would", .serialized)
struct CommandLineTests {
    @Test("`speclens demo` writes a complete report whose LoRA run has intruders and whose full run has none")
    func demo() throws {
        let site = try CommandRunner.scratch()
        defer { try? FileManager.default.removeItem(at: site) }
        let outcome = try CommandRunner.run(["demo", "-o", site.path])
        #expect(outcome.status == 0, "\(outcome.standardError)")
        #expect(FileManager.default.fileExists(atPath: site.appending(path: "index.html").path))
        let dataset = try DatasetCoding.read(from: site.appending(path: "dataset.json").path)
        let full = try #require(dataset.runs.first { $0.kind == .full })
        let lora = try #require(dataset.runs.first { $0.kind == .lora })
        #expect(full.summary.intruders == 0)
        #expect(lora.summary.intruders > 0)
        #expect(dataset.base.path == "synthetic-demo/base")
        let index = try String(contentsOf: site.appending(path: "index.html"), encoding: .utf8)
        #expect(index.contains("<svg") || index.contains(".svg"))
    }

    @Test("the demo is deterministic: two runs give byte-identical datasets and pages")
    func deterministicDemo() throws {
        let (a, b) = (try CommandRunner.scratch(), try CommandRunner.scratch())
        defer { for url in [a, b] { try? FileManager.default.removeItem(at: url) } }
        #expect(try CommandRunner.run(["demo", "-o", a.path]).status == 0)
        #expect(try CommandRunner.run(["demo", "-o", b.path]).status == 0)
        for file in ["dataset.json", "index.html"] {
            let first = try Data(contentsOf: a.appending(path: file))
            let second = try Data(contentsOf: b.appending(path: file))
            #expect(first == second, "\(file) differs between runs")
        }
    }

    @Test(
        "a truncated base checkpoint gives one clear error naming the file, exit status 1, and leaves the earlier dataset intact"
    )
    func truncatedCheckpoint() throws {
        let folder = try CommandRunner.scratch()
        defer { try? FileManager.default.removeItem(at: folder) }
        let good = folder.appending(path: "good.safetensors")
        try SafetensorsWriter.write(
            [(name: "layer.0.proj.weight", matrix: Matrix(rows: 4, columns: 3, values: (0..<12).map(Float.init)))],
            to: good.path)
        let bytes = try Data(contentsOf: good)
        let broken = folder.appending(path: "broken.safetensors")
        try bytes.prefix(bytes.count - 5).write(to: broken)
        let output = folder.appending(path: "dataset.json")
        try Data("earlier output".utf8).write(to: output)

        let outcome = try CommandRunner.run(["analyze", broken.path, good.path, "-o", output.path])
        #expect(outcome.status == 1)
        #expect(outcome.standardError.contains("broken.safetensors"))
        #expect(outcome.standardError.hasPrefix("speclens: error:"))
        #expect(!outcome.standardError.contains("Fatal error"))
        #expect(try String(contentsOf: output, encoding: .utf8) == "earlier output")
    }

    @Test(
        "malformed inputs each exit 1 with a message, never a crash",
        arguments: [
            "header too large", "overlapping offsets", "wrong byte length", "not a file",
        ])
    func malformed(kind: String) throws {
        let folder = try CommandRunner.scratch()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appending(path: "model.safetensors")
        func file(header: String, data: Int) -> Data {
            var bytes = Data()
            var length = UInt64(header.utf8.count).littleEndian
            withUnsafeBytes(of: &length) { bytes.append(contentsOf: $0) }
            bytes.append(contentsOf: Array(header.utf8))
            bytes.append(Data(count: data))
            return bytes
        }
        switch kind {
        case "header too large":
            var bytes = Data()
            var length = UInt64(200_000_000).littleEndian
            withUnsafeBytes(of: &length) { bytes.append(contentsOf: $0) }
            try bytes.write(to: path)
        case "overlapping offsets":
            try file(
                header:
                    #"{"a.weight":{"dtype":"F32","shape":[2,2],"data_offsets":[0,16]},"b.weight":{"dtype":"F32","shape":[2,2],"data_offsets":[8,24]}}"#,
                data: 24
            ).write(to: path)
        case "wrong byte length":
            try file(header: #"{"a.weight":{"dtype":"F32","shape":[2,2],"data_offsets":[0,12]}}"#, data: 12).write(
                to: path)
        default:
            break
        }
        let outcome = try CommandRunner.run([
            "analyze", path.path, path.path, "-o", folder.appending(path: "out.json").path,
        ])
        #expect(outcome.status == 1)
        #expect(outcome.standardError.hasPrefix("speclens: error:"))
        #expect(!FileManager.default.fileExists(atPath: folder.appending(path: "out.json").path))
    }

    @Test("analyze then render gives the same site as report", .enabled(if: true))
    func twoStagesEqualOne() throws {
        let folder = try CommandRunner.scratch()
        defer { try? FileManager.default.removeItem(at: folder) }
        var random = [Float]()
        for index in 0..<(16 * 12) { random.append(Float((index * 7919) % 97) / 97 - 0.5) }
        let w0 = Matrix(rows: 16, columns: 12, values: random)
        var wt = w0
        wt[0, 0] += 0.25
        wt[3, 5] -= 0.5
        try FileManager.default.createDirectory(at: folder.appending(path: "base"), withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: folder.appending(path: "tuned"), withIntermediateDirectories: true)
        try SafetensorsWriter.write(
            [(name: "layers.0.proj.weight", matrix: w0)], to: folder.appending(path: "base/model.safetensors").path)
        try SafetensorsWriter.write(
            [(name: "layers.0.proj.weight", matrix: wt)], to: folder.appending(path: "tuned/model.safetensors").path)

        #expect(try CommandRunner.run(["analyze", "base", "tuned", "-o", "d.json"], in: folder).status == 0)
        #expect(try CommandRunner.run(["render", "d.json", "-o", "two"], in: folder).status == 0)
        #expect(try CommandRunner.run(["report", "base", "tuned", "-o", "one"], in: folder).status == 0)
        let two = try Data(contentsOf: folder.appending(path: "two/index.html"))
        let one = try Data(contentsOf: folder.appending(path: "one/index.html"))
        #expect(one == two)
        let dataset = try DatasetCoding.read(from: folder.appending(path: "d.json").path)
        #expect(dataset.runs[0].matrices[0].changed)
        #expect(dataset.runs[0].matrices[0].numericalRank == 2)
    }

    @Test("every subcommand documents itself with --help", arguments: ["analyze", "render", "report", "demo"])
    func help(command: String) throws {
        let outcome = try CommandRunner.run([command, "--help"])
        #expect(outcome.status == 0)
        #expect(outcome.standardOutput.contains("-o, --output"))
    }
}

@Suite("Command-line options for real-world adapters")
struct AdapterOptionTests {
    static let reference = Fixtures.peftReference.appending(path: "lora")

    @Test("an adapter given as a bare .safetensors file is read with --adapter-config, and warned about nothing")
    func bareAdapterFile() throws {
        let folder = try CommandRunner.scratch()
        defer { try? FileManager.default.removeItem(at: folder) }
        let adapter = Self.reference.appending(path: "adapter")
        let file = folder.appending(path: "weights.safetensors")
        let config = folder.appending(path: "my-config.json")
        try FileManager.default.copyItem(at: adapter.appending(path: "adapter_model.safetensors"), to: file)
        try FileManager.default.copyItem(at: adapter.appending(path: "adapter_config.json"), to: config)
        let output = folder.appending(path: "d.json")
        let outcome = try CommandRunner.run([
            "analyze", Self.reference.appending(path: "base").path, file.path,
            "--adapter-config", config.path, "-o", output.path,
        ])
        #expect(outcome.status == 0, "\(outcome.standardError)")
        let dataset = try DatasetCoding.read(from: output.path)
        #expect(dataset.runs[0].kind == .lora)
        #expect(dataset.runs[0].id == "weights")
        #expect(!outcome.standardError.contains("warning"))
    }

    @Test("--map rewrites fine-tuned names so that a renamed checkpoint still pairs")
    func nameRewrite() throws {
        let folder = try CommandRunner.scratch()
        defer { try? FileManager.default.removeItem(at: folder) }
        let w0 = Matrix(rows: 6, columns: 4, values: (0..<24).map { Float($0 % 7) - 3 })
        var wt = w0
        wt[1, 2] += 0.5
        try SafetensorsWriter.write(
            [(name: "encoder.blocks.0.attn.weight", matrix: w0)], to: folder.appending(path: "base.safetensors").path)
        try SafetensorsWriter.write(
            [(name: "enc.b0.attention.weight", matrix: wt)], to: folder.appending(path: "tuned.safetensors").path)
        let unmapped = try CommandRunner.run(
            ["analyze", "base.safetensors", "tuned.safetensors", "-o", "a.json"], in: folder)
        #expect(unmapped.status == 1)
        let mapped = try CommandRunner.run(
            [
                "analyze", "base.safetensors", "tuned.safetensors", "--map",
                #"^enc\.b(\d+)\.attention=encoder.blocks.$1.attn"#,
                "-o", "b.json",
            ], in: folder)
        #expect(mapped.status == 0, "\(mapped.standardError)")
        let dataset = try DatasetCoding.read(from: folder.appending(path: "b.json").path)
        #expect(dataset.runs[0].matrices.first?.matchedBy.description.hasPrefix("rewritten by") == true)
    }

    @Test("a PiSSA-initialised adapter is analysed with a warning on stderr and in the dataset")
    func pissaWarning() throws {
        let folder = try CommandRunner.scratch()
        defer { try? FileManager.default.removeItem(at: folder) }
        let adapter = folder.appending(path: "pissa")
        try FileManager.default.createDirectory(at: adapter, withIntermediateDirectories: true)
        try FileManager.default.copyItem(
            at: Self.reference.appending(path: "adapter/adapter_model.safetensors"),
            to: adapter.appending(path: "adapter_model.safetensors"))
        let configText = try String(
            contentsOf: Self.reference.appending(path: "adapter/adapter_config.json"), encoding: .utf8)
        let pissa = configText.replacingOccurrences(
            of: #""init_lora_weights": false"#, with: #""init_lora_weights": "pissa""#)
        #expect(pissa != configText)
        try pissa.write(to: adapter.appending(path: "adapter_config.json"), atomically: true, encoding: .utf8)
        let outcome = try CommandRunner.run([
            "analyze", Self.reference.appending(path: "base").path, adapter.path, "-o",
            folder.appending(path: "d.json").path,
        ])
        #expect(outcome.status == 0, "\(outcome.standardError)")
        #expect(outcome.standardError.contains("warning: run pissa"))
        let dataset = try DatasetCoding.read(from: folder.appending(path: "d.json").path)
        #expect(dataset.runs[0].warnings.count == 1)
    }
}

@Suite("Splitting an analysis across machines")
struct ShardTests {
    @Test("three shards merged give byte for byte the dataset of one unsplit run")
    func shardsMergeToTheWhole() throws {
        let folder = try CommandRunner.scratch()
        defer { try? FileManager.default.removeItem(at: folder) }
        let paths = try LayeredCheckpoints(layers: 4, modules: ["q", "k"]).write(
            into: folder.path,
            base: { layer, module in
                Matrix(
                    rows: 12, columns: 10,
                    values: (0..<(12 * 10)).map { Float((($0 + 3 * layer) * 7919 + module.count) % 101) / 101 - 0.5 })
            },
            variants: [
                (
                    "tuned.safetensors",
                    { w0, layer, _ in
                        var wt = w0
                        wt[layer, 2] += 0.3
                        return wt
                    }
                )
            ])
        let (base, tuned) = (paths[0], paths[1])
        #expect(try CommandRunner.run(["analyze", base, tuned, "-o", "whole.json"], in: folder).status == 0)
        for index in 0..<3 {
            let outcome = try CommandRunner.run(
                ["analyze", base, tuned, "--shard", "\(index)/3", "-o", "part\(index).json"], in: folder)
            #expect(outcome.status == 0, "\(outcome.standardError)")
        }
        let part = try DatasetCoding.read(from: folder.appending(path: "part1.json").path)
        #expect(part.shard == ShardRecord(index: 1, count: 3, totalMatrices: 8))
        #expect(part.base.matrices.count == 3)

        let merge = try CommandRunner.run(
            ["merge", "part2.json", "part0.json", "part1.json", "-o", "merged.json"], in: folder)
        #expect(merge.status == 0, "\(merge.standardError)")
        let whole = try Data(contentsOf: folder.appending(path: "whole.json"))
        let merged = try Data(contentsOf: folder.appending(path: "merged.json"))
        #expect(whole == merged)

        let incomplete = try CommandRunner.run(["merge", "part0.json", "part1.json", "-o", "bad.json"], in: folder)
        #expect(incomplete.status == 1)
        #expect(incomplete.standardError.contains("cannot merge"))
        #expect(try CommandRunner.run(["analyze", base, tuned, "--shard", "3/3"], in: folder).status != 0)
    }
}

@Suite("Reports on GPT-2-style checkpoints")
struct FusedProjectionReportTests {
    @Test("a fused q|k|v projection (GPT-2 c_attn) is analysed as stored, in the output space, and its page says so")
    func fusedProjectionNote() throws {
        let folder = try CommandRunner.scratch()
        defer { try? FileManager.default.removeItem(at: folder) }
        let reference = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent()
            .appending(path: "SpeclensCheckpointsTests/PEFTReference/gpt2_fan_in_fan_out")
        let outcome = try CommandRunner.run([
            "report", reference.appending(path: "base").path, reference.appending(path: "adapter").path,
            "--top-k", "4", "--similarity-size", "8", "-o", folder.path,
        ])
        #expect(outcome.status == 0, "\(outcome.standardError)")
        let dataset = try DatasetCoding.read(from: folder.appending(path: "dataset.json").path)
        let cAttn = try #require(dataset.base.matrices.first { $0.name == "transformer.h.0.attn.c_attn.weight" })
        #expect(cAttn.orientation == .inOut)
        let note = try #require(cAttn.note)
        let pages = try FileManager.default.contentsOfDirectory(atPath: folder.appending(path: "matrices").path)
        let page = try #require(pages.first { $0.contains("h.0.attn.c_attn") })
        let html = try String(contentsOf: folder.appending(path: "matrices/\(page)"), encoding: .utf8)
        #expect(html.contains("note: "))
        #expect(html.contains(String(note.prefix(12))))
    }
}
