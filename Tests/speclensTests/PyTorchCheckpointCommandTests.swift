import Foundation
import SpeclensDataset
import SpeclensTestSupport
import Testing

@Suite(
    "PyTorch .bin checkpoints through the command line: the same dataset numbers as their safetensors twins",
    .serialized)
struct PyTorchCheckpointCommandTests {
    /// The dataset of `analyze BASE scratch/<format>/run`, with `run` a copy of `source` (so that
    /// both runs get the same id), and the paths left out.
    static func analysed(base: String, source: String, format: String, in folder: URL, extra: [String] = []) throws
        -> SpectralDataset
    {
        let run = folder.appending(path: format).appending(path: "run")
        try FileManager.default.createDirectory(at: run.deletingLastPathComponent(), withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: source, toPath: run.path)
        let output = "\(format).json"
        let outcome = try CommandRunner.run(
            ["analyze", base, run.path, "-o", output, "--no-controls"] + extra, in: folder)
        #expect(outcome.status == 0, "\(format): \(outcome.standardError)")
        var dataset = try DatasetCoding.read(from: folder.appending(path: output).path)
        dataset.runs = dataset.runs.map { run in
            var copy = run
            copy.path = ""
            return copy
        }
        return dataset
    }

    @Test(
        "The MiniLM LoRA adapters saved by torch as adapter_model.bin (zip and legacy) give the runs of the published safetensors adapters, value for value",
        Fixtures.enabled, arguments: ["lora-r1-a2", "lora-r8-a16"])
    func miniLMAdapters(name: String) throws {
        try Fixtures.require()
        let folder = try CommandRunner.scratch()
        defer { try? FileManager.default.removeItem(at: folder) }
        let base = Fixtures.minilm("base")
        let include = ["--include", #"encoder\.layer\.[0-2]\."#]
        let expected = try Self.analysed(
            base: base, source: Fixtures.minilm(name), format: "safetensors", in: folder, extra: include)
        #expect(expected.runs.first?.matrices.count == 18)
        for format in ["zip", "legacy"] {
            let dataset = try Self.analysed(
                base: base, source: Fixtures.torch("minilm/\(name)-\(format)"), format: format, in: folder,
                extra: include)
            #expect(dataset.runs == expected.runs, "\(format)")
        }
    }

    @Test(
        "A full fine-tune and its base as zip, legacy and sharded pytorch_model.bin give the matrices of the safetensors pair",
        arguments: [("base-zip", "tuned-legacy"), ("base-legacy", "tuned-sharded"), ("base-sharded", "tuned-zip")])
    func fullFineTune(base: String, tuned: String) throws {
        let folder = try CommandRunner.scratch()
        defer { try? FileManager.default.removeItem(at: folder) }
        let expected = try Self.analysed(
            base: Fixtures.torch("tiny/base-safetensors"), source: Fixtures.torch("tiny/tuned-safetensors"),
            format: "safetensors", in: folder)
        let dataset = try Self.analysed(
            base: Fixtures.torch("tiny/" + base), source: Fixtures.torch("tiny/" + tuned), format: "torch", in: folder)
        #expect(expected.runs.first?.matrices.count == 12)
        #expect(dataset.runs == expected.runs)
        #expect(dataset.base.matrices == expected.base.matrices)
    }

    @Test("A folder with both formats is read from model.safetensors, and the run's notes say so")
    func bothFormats() throws {
        let folder = try CommandRunner.scratch()
        defer { try? FileManager.default.removeItem(at: folder) }
        let dataset = try Self.analysed(
            base: Fixtures.torch("tiny/base-zip"), source: Fixtures.torch("tiny/tuned-both"), format: "both", in: folder
        )
        #expect(
            dataset.runs.first?.notes?.first
                == "this run was read from model.safetensors; pytorch_model.bin beside it was not read (safetensors is preferred when both are present)"
        )
    }
}
