import Foundation
import SpeclensCheckpoints
import SpeclensTestSupport
import Testing

/// The files under `TorchFixtures/` were written by torch 2.15's `torch.save` (zip and legacy
/// formats) beside safetensors twins of the same tensors (`scripts/torch-fixtures`).
@Suite("PyTorch checkpoints: read without torch and without running the pickle, equal to their safetensors twins")
struct PyTorchFileTests {
    /// Every tensor of `file` read as float32 (2-D as a matrix's values, 1-D as a vector).
    static func values(_ file: String, _ names: [String]? = nil) throws -> [String: [Float]] {
        let model = try ModelCheckpoint(path: file)
        var result: [String: [Float]] = [:]
        for info in model.tensors where names?.contains(info.name) ?? true {
            guard [.F32, .F16, .BF16, .F64].contains(info.dtype) else { continue }
            result[info.name] =
                info.shape.count == 2
                ? try model.matrix(info.name).values
                : try model.rawBytes(info.name).withUnsafeBytes {
                    Array($0.bindMemory(to: Float.self))
                }
        }
        return result
    }

    @Test(
        "A state dict of F32, F16, BF16 and F64 matrices, an int64 matrix and a vector: the same dtypes, shapes, float32 values and raw bytes as the safetensors twin, in the zip format (top folder named after the file or 'archive') and the legacy format",
        arguments: ["dtypes/zip.bin", "dtypes/legacy.bin", "dtypes/archive.bin"])
    func dtypes(file: String) throws {
        let torch = try PyTorchFile(path: Fixtures.torch(file))
        let twin = try SafetensorsFile(path: Fixtures.torch("dtypes/expected.safetensors"))
        #expect(torch.tensors.map(\.name) == twin.tensors.map(\.name))
        for info in twin.tensors {
            let read = try #require(torch.info(info.name))
            #expect(read.dtype == info.dtype && read.shape == info.shape, "\(info.name)")
            #expect(try torch.rawBytes(info.name) == twin.rawBytes(info.name), "\(info.name)")
            if info.shape.count == 2, info.dtype != .I64 {
                #expect(try torch.matrix(info.name) == twin.matrix(info.name), "\(info.name)")
            }
        }
        #expect(throws: CheckpointError.unsupportedDType(file: Fixtures.torch(file), tensor: "i64", dtype: "I64")) {
            try torch.matrix("i64")
        }
        #expect(try torch.vector("vec") == twin.vector("vec"))
        #expect(torch.format == (file.contains("legacy") ? .legacy : .zip))
    }

    @Test(
        "Views: two tensors sharing one storage at different offsets, a transpose, a column slice and an nn.Parameter read as their contiguous copies; the strided ones are gathered",
        arguments: ["views/zip.bin", "views/legacy.bin"])
    func views(file: String) throws {
        let torch = try PyTorchFile(path: Fixtures.torch(file))
        let twin = try SafetensorsFile(path: Fixtures.torch("views/expected.safetensors"))
        #expect(torch.tensors.map(\.name) == ["a", "b", "col", "p", "t"])
        for name in ["a", "b", "col", "p", "t"] {
            #expect(try torch.matrix(name) == twin.matrix(name), "\(name)")
            #expect(try torch.rawBytes(name) == twin.rawBytes(name), "\(name)")
        }
        #expect(torch.info("t")?.elementStrides == [1, 5])
        #expect(torch.info("col")?.elementStrides == [6, 1])
        #expect(torch.info("a")?.elementStrides == nil && torch.info("b")?.elementStrides == nil)
    }

    @Test(
        "A model as one zip file, one legacy file and two zip shards with pytorch_model.bin.index.json: every tensor equals the safetensors model's",
        arguments: ["base-zip", "base-legacy", "base-sharded", "tuned-zip", "tuned-legacy", "tuned-sharded"])
    func models(folder: String) throws {
        let twin = folder.hasPrefix("base") ? "tiny/base-safetensors" : "tiny/tuned-safetensors"
        let model = try ModelCheckpoint(path: Fixtures.torch("tiny/" + folder))
        #expect(model.isPyTorch)
        #expect(model.files.count == (folder.hasSuffix("sharded") ? 2 : 1))
        #expect(model.modelType == "bert")
        let expected = try Self.values(Fixtures.torch(twin))
        #expect(expected.count >= 13)
        #expect(try Self.values(Fixtures.torch("tiny/" + folder)) == expected)
    }

    @Test(
        "A folder holding model.safetensors and pytorch_model.bin reads the safetensors file and lists the other as unread"
    )
    func safetensorsWins() throws {
        let model = try ModelCheckpoint(path: Fixtures.torch("tiny/tuned-both"))
        #expect(model.files.map { ($0.path as NSString).lastPathComponent } == ["model.safetensors"])
        #expect(model.unreadFiles == ["pytorch_model.bin"])
        #expect(
            try Self.values(Fixtures.torch("tiny/tuned-both")) == Self.values(Fixtures.torch("tiny/tuned-safetensors")))
    }

    @Test(
        "A Hugging Face cache snapshot whose pytorch_model.bin and config.json are symbolic links into blobs/ reads like the folder"
    )
    func cacheSnapshot() throws {
        try TestFiles.withFolder { folder in
            let blobs = folder + "/blobs"
            let snapshot = folder + "/snapshots/abc123"
            try FileManager.default.createDirectory(atPath: blobs, withIntermediateDirectories: true)
            try FileManager.default.createDirectory(atPath: snapshot, withIntermediateDirectories: true)
            for (name, blob) in [("pytorch_model.bin", "1f2e"), ("config.json", "9a8b")] {
                try FileManager.default.copyItem(
                    atPath: Fixtures.torch("tiny/base-legacy/" + name), toPath: blobs + "/" + blob)
                try FileManager.default.createSymbolicLink(
                    atPath: snapshot + "/" + name, withDestinationPath: "../../blobs/" + blob)
            }
            #expect(try Self.values(snapshot) == Self.values(Fixtures.torch("tiny/base-safetensors")))
            #expect(try ModelCheckpoint(path: snapshot).modelType == "bert")
        }
    }

    @Test(
        "Real PEFT adapters saved as adapter_model.bin (zip and legacy) hold the same modules, scales and factors as the published safetensors adapters",
        Fixtures.enabled, arguments: ["lora-r1-a2", "lora-r8-a16"])
    func adapters(name: String) throws {
        try Fixtures.require()
        let original = try LoRAAdapter(path: Fixtures.minilm(name))
        for format in ["zip", "legacy"] {
            let adapter = try LoRAAdapter(path: Fixtures.torch("minilm/\(name)-\(format)"))
            #expect(adapter.files.first?.path.hasSuffix("adapter_model.bin") == true)
            #expect(adapter.modules == original.modules, "\(format)")
            #expect(adapter.allTensors.map(\.name) == original.allTensors.map(\.name))
            for module in original.modules {
                let (a, b) = try adapter.factors(module)
                let (a0, b0) = try original.factors(module)
                #expect(a == a0 && b == b0, "\(format) \(module.module)")
            }
        }
    }

    @Test(
        "Hostile files give a clear error naming the file, and nothing runs: the marker file their payloads would create never appears",
        arguments: [
            ("os_system.bin", "posix.system"), ("subprocess.bin", "subprocess.Popen"),
            ("builtins_eval.bin", "builtins.eval"),
            ("legacy_os_system.bin", "posix.system"), ("recursive_memo.bin", "holds itself"),
            ("storage_past_end.bin", "its entry holds 32 bytes"),
            ("storage_offset_past_end.bin", "past the end of its 8-element storage"),
            ("absurd_zip_size.bin", "past the end of the 1051-byte file"),
            ("absurd_zip64_size.bin", "larger than the file"),
            ("zip_bomb.bin", "is compressed (method 8)"),
        ])
    func hostile(file: String, evidence: String) throws {
        let marker = "/tmp/speclens-hostile-marker"
        try? FileManager.default.removeItem(atPath: marker)
        let path = Fixtures.torch("hostile/" + file)
        // The payload is really there (the file is not harmless by accident).
        let bytes = try #require(FileManager.default.contents(atPath: path))
        if evidence.contains(".") {
            let (module, name) = (evidence.split(separator: ".")[0], evidence.split(separator: ".")[1])
            #expect(bytes.range(of: Data("c\(module)\n\(name)\n".utf8)) != nil)
        }
        let error = #expect(throws: CheckpointError.self) { try PyTorchFile(path: path) }
        #expect(error?.description.hasPrefix(path + ":") == true)
        #expect(error?.description.contains(evidence) == true, "\(String(describing: error))")
        if evidence.contains(".") { #expect(error?.caseName == "pickleGlobalRefused") }
        #expect(!FileManager.default.fileExists(atPath: marker))
    }
}
