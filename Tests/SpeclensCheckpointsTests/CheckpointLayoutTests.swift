import Foundation
import SpeclensTestSupport
import Testing

@testable import SpeclensCheckpoints

@Suite("Real-world checkpoint layouts")
struct CheckpointLayoutTests {
    /// A safetensors file of arbitrary-dtype tensors given as raw bytes.
    static func raw(_ tensors: [(name: String, dtype: String, shape: [Int], bytes: [UInt8])]) -> Data {
        var entries: [String] = []
        var buffer: [UInt8] = []
        for tensor in tensors {
            entries.append(
                #""\#(tensor.name)":{"dtype":"\#(tensor.dtype)","shape":\#(tensor.shape),"data_offsets":[\#(buffer.count),\#(buffer.count + tensor.bytes.count)]}"#
            )
            buffer += tensor.bytes
        }
        return TestFiles.raw(header: "{" + entries.joined(separator: ",") + "}", buffer: buffer)
    }

    @Test(
        "GPTQ/AWQ qweight+scales, bitsandbytes U8 weight+absmax/quant_state, or quantization_config → one quantizedCheckpoint error"
    )
    func quantised() throws {
        try TestFiles.withFolder { folder in
            let gptq = try TestFiles.write(
                Self.raw([
                    (
                        name: "model.layers.0.q_proj.qweight", dtype: "I32", shape: [2, 4],
                        bytes: [UInt8](repeating: 1, count: 32)
                    ),
                    (name: "model.layers.0.q_proj.qzeros", dtype: "I32", shape: [1, 1], bytes: [0, 0, 0, 0]),
                    (
                        name: "model.layers.0.q_proj.scales", dtype: "F16", shape: [1, 4],
                        bytes: [UInt8](repeating: 0, count: 8)
                    ),
                ]), folder, "gptq/model.safetensors")
            let error = #expect(throws: CheckpointError.self) { try ModelCheckpoint(path: gptq) }
            guard case .quantizedCheckpoint(let path, let evidence)? = error else {
                Issue.record("expected quantizedCheckpoint, got \(String(describing: error))")
                return
            }
            #expect(path == gptq)
            #expect(evidence.contains("model.layers.0.q_proj.qweight") && evidence.contains("1 more"))
            #expect(error?.description.contains("unquantised") == true)

            try TestFiles.write(
                Self.raw([
                    (
                        name: "model.layers.0.q_proj.weight", dtype: "U8", shape: [4, 2],
                        bytes: [UInt8](repeating: 1, count: 8)
                    ),
                    (name: "model.layers.0.q_proj.weight.absmax", dtype: "F32", shape: [1], bytes: [0, 0, 128, 63]),
                    (
                        name: "model.layers.0.q_proj.weight.quant_state.bitsandbytes__nf4", dtype: "U8", shape: [2],
                        bytes: [1, 2]
                    ),
                ]), folder, "bnb/model.safetensors")
            #expect(throws: CheckpointError.self) { try ModelCheckpoint(path: folder + "/bnb") }

            try TestFiles.write(
                #"{"model_type":"llama","quantization_config":{"quant_method":"awq","bits":4}}"#, folder,
                "awq/config.json")
            try SafetensorsWriter.write(
                [(name: "model.w.weight", matrix: TestFiles.ramp(2, 2))], to: folder + "/awq/model.safetensors")
            let awq = #expect(throws: CheckpointError.self) { try ModelCheckpoint(path: folder + "/awq") }
            #expect(awq?.description.contains("quant_method \"awq\"") == true)
        }
    }

    @Test(
        "A truncated PyTorch file is refused with invalidPyTorchCheckpoint naming it, as a model file, in a model folder and as an adapter file"
    )
    func truncatedPickles() throws {
        try TestFiles.withFolder { folder in
            let bin = try TestFiles.write(Data([0x80, 0x02]), folder, "m/pytorch_model.bin")
            let error = CheckpointError.invalidPyTorchCheckpoint(
                file: bin, reason: "the pickle ends without STOP (pickle byte 2)")
            #expect(throws: error) { try ModelCheckpoint(path: bin) }
            #expect(throws: error) { try ModelCheckpoint(path: folder + "/m") }
            try TestFiles.write(#"{"peft_type":"LORA","r":2}"#, folder, "cfg.json")
            #expect(throws: error) { try LoRAAdapter(path: bin, configPath: folder + "/cfg.json") }
            #expect(error.description.contains(bin) && error.description.contains("safetensors"))
        }
    }

    /// Writes a two-module adapter (`enc.layers.0.q`, `enc.layers.1.q`) with the given ranks.
    private func patternAdapter(_ folder: String, config: String, ranks: [Int]) throws {
        try TestFiles.write(config, folder, "adapter_config.json")
        var tensors: [(name: String, matrix: Matrix)] = []
        for (layer, rank) in ranks.enumerated() {
            tensors.append(
                (name: "base_model.model.enc.layers.\(layer).q.lora_A.weight", matrix: TestFiles.ramp(rank, 3)))
            tensors.append(
                (name: "base_model.model.enc.layers.\(layer).q.lora_B.weight", matrix: TestFiles.ramp(2, rank)))
        }
        try SafetensorsWriter.write(tensors, to: folder + "/adapter_model.safetensors")
    }

    @Test(
        "rank_pattern/alpha_pattern: the FIRST key in file order whose (.*\\.)?(KEY)$ matches wins; keys match whole dotted suffixes"
    )
    func patternFirstMatch() throws {
        try TestFiles.withFolder { folder in
            // Specific key first: layer 0 → 2, layer 1 → 3. Alpha: "q" comes first in the file (not
            // alphabetical), so it wins for layer 0 too.
            try patternAdapter(
                folder,
                config:
                    #"{"peft_type":"LORA","r":8,"lora_alpha":8,"rank_pattern":{"layers.0.q":2,"q":3},"alpha_pattern":{"q":6,"layers.0.q":1}}"#,
                ranks: [2, 3])
            let first = try LoRAAdapter(path: folder).modules
            #expect(first.map(\.rank) == [2, 3])
            #expect(first.map(\.alpha) == [6, 6])
            #expect(first.map(\.scale) == [3, 2])

            // General key first: it matches both layers, so both get 3.
            try patternAdapter(
                folder, config: #"{"peft_type":"LORA","r":8,"rank_pattern":{"q":3,"layers.0.q":2}}"#, ranks: [3, 3])
            #expect(try LoRAAdapter(path: folder).modules.map(\.rank) == [3, 3])
            try patternAdapter(
                folder, config: #"{"peft_type":"LORA","r":8,"rank_pattern":{"q":3,"layers.0.q":2}}"#, ranks: [2, 3])
            #expect(throws: CheckpointError.self) { try LoRAAdapter(path: folder) }

            // "layers.0.q" must not match "...layers.10.q"-style partial components; "s.0.q" is not a dotted suffix.
            try patternAdapter(
                folder, config: #"{"peft_type":"LORA","r":4,"rank_pattern":{"s.0.q":2}}"#, ranks: [4, 4])
            #expect(try LoRAAdapter(path: folder).modules.map(\.rank) == [4, 4])
            // Regex keys work: "layers\.[01]\.q".
            try patternAdapter(
                folder,
                config:
                    #"{"peft_type":"LORA","r":4,"use_rslora":true,"lora_alpha":4,"rank_pattern":{"layers\\.[01]\\.q":1}}"#,
                ranks: [1, 1])
            #expect(try LoRAAdapter(path: folder).modules.map(\.scale) == [4, 4])
        }
    }

    @Test("init_lora_weights pissa_niter_4 and loftq warn; gaussian and false do not")
    func initialisationWarnings() throws {
        try TestFiles.withFolder { folder in
            for (value, warns) in [
                ("\"pissa_niter_4\"", true), ("\"loftq\"", true), ("\"OLoRA\"", true), ("\"gaussian\"", false),
                ("false", false),
            ] {
                try patternAdapter(
                    folder, config: #"{"peft_type":"LORA","r":2,"init_lora_weights":\#(value)}"#, ranks: [2])
                let adapter = try LoRAAdapter(path: folder)
                #expect(
                    adapter.warnings.contains { $0.contains("not a delta on the original base") } == warns, "\(value)")
            }
        }
    }

    @Test("An adapter given as its safetensors file plus an explicit config path")
    func explicitConfig() throws {
        try TestFiles.withFolder { folder in
            try patternAdapter(folder, config: #"{"peft_type":"LORA","r":2}"#, ranks: [2])
            try FileManager.default.moveItem(
                atPath: folder + "/adapter_config.json", toPath: folder + "/elsewhere.json")
            try FileManager.default.moveItem(
                atPath: folder + "/adapter_model.safetensors", toPath: folder + "/my-adapter.safetensors")
            let adapter = try LoRAAdapter(
                path: folder + "/my-adapter.safetensors", configPath: folder + "/elsewhere.json")
            #expect(adapter.modules.count == 1)
            #expect(adapter.configPath == folder + "/elsewhere.json")
            guard
                case .lora(let opened) = try FineTuneCheckpoint.open(
                    path: folder + "/my-adapter.safetensors", adapterConfig: folder + "/elsewhere.json")
            else {
                Issue.record("expected an adapter")
                return
            }
            #expect(opened.modules == adapter.modules)
            #expect(throws: CheckpointError.self) {
                try LoRAAdapter(path: folder + "/my-adapter.safetensors", configPath: nil)
            }
            guard case .full = try FineTuneCheckpoint.open(path: folder + "/my-adapter.safetensors", adapterConfig: nil)
            else {
                Issue.record("without a config the file is a full checkpoint")
                return
            }
        }
    }

    @Test("A Hugging Face cache snapshot folder (files are symlinks into ../../blobs/) opens, sharded, with its config")
    func hfCacheSnapshot() throws {
        try TestFiles.withFolder { folder in
            let repo = folder + "/models--org--tiny"
            let blobs = repo + "/blobs"
            let snapshot = repo + "/snapshots/0123abcd"
            try FileManager.default.createDirectory(atPath: blobs, withIntermediateDirectories: true)
            try FileManager.default.createDirectory(atPath: snapshot, withIntermediateDirectories: true)
            try SafetensorsWriter.write(
                [(name: "h.0.attn.c_attn.weight", matrix: TestFiles.ramp(3, 6))], to: blobs + "/aaa1")
            try SafetensorsWriter.write(
                [(name: "h.0.mlp.c_fc.weight", matrix: TestFiles.ramp(3, 4))], to: blobs + "/bbb2", dtype: .BF16)
            try TestFiles.write(
                #"{"weight_map":{"h.0.attn.c_attn.weight":"model-00001-of-00002.safetensors","h.0.mlp.c_fc.weight":"model-00002-of-00002.safetensors"}}"#,
                blobs, "ccc3")
            try TestFiles.write(#"{"model_type":"gpt2"}"#, blobs, "ddd4")
            for (link, blob) in [
                ("model-00001-of-00002.safetensors", "aaa1"), ("model-00002-of-00002.safetensors", "bbb2"),
                ("model.safetensors.index.json", "ccc3"), ("config.json", "ddd4"),
            ] {
                try FileManager.default.createSymbolicLink(
                    atPath: snapshot + "/" + link, withDestinationPath: "../../blobs/" + blob)
            }
            let checkpoint = try ModelCheckpoint(path: snapshot)
            #expect(checkpoint.tensors.map(\.name) == ["h.0.attn.c_attn.weight", "h.0.mlp.c_fc.weight"])
            #expect(checkpoint.modelType == "gpt2")
            #expect(try checkpoint.matrix("h.0.mlp.c_fc.weight") == TestFiles.ramp(3, 4))
            #expect(
                checkpoint.files.map(\.path) == [
                    snapshot + "/model-00001-of-00002.safetensors", snapshot + "/model-00002-of-00002.safetensors",
                ])
        }
    }

    @Test("Mixed F32/F16/BF16 across base shards, fine-tune shards and adapter: pairs and values agree")
    func mixedDTypes() throws {
        try TestFiles.withFolder { folder in
            // Base: one shard F16, one BF16; fine-tune: bare names (no "model."), one shard F32, one BF16.
            try TestFiles.writeMixedDTypeShards(folder)
            let base = try ModelCheckpoint(path: folder + "/base")
            let tuned = try ModelCheckpoint(path: folder + "/tuned")
            #expect(try tuned.matrix("b.weight") == TestFiles.ramp(3, 2, start: 1))
            #expect(try base.matrix("model.b.weight") == TestFiles.ramp(3, 2))

            // A BF16 adapter over the F16 base: the merge is computed in float32.
            let adapterFolder = folder + "/adapter"
            try TestFiles.write(#"{"peft_type":"LORA","r":1,"lora_alpha":2}"#, adapterFolder, "adapter_config.json")
            try SafetensorsWriter.write(
                [
                    (
                        name: "base_model.model.model.a.lora_A.weight",
                        matrix: Matrix(rows: 1, columns: 3, values: [1, 0, -1])
                    ),
                    (
                        name: "base_model.model.model.a.lora_B.weight",
                        matrix: Matrix(rows: 2, columns: 1, values: [0.5, 2])
                    ),
                ],
                to: adapterFolder + "/adapter_model.safetensors", dtype: .BF16)
            let adapter = try LoRAAdapter(path: adapterFolder)
            let module = adapter.modules[0]
            let merged = try adapter.mergedWeight(module, base: try base.matrix("model.a.weight"))
            // W0 = [[0,1,2],[3,4,5]]; ΔW = 2·[[0.5,0,-0.5],[2,0,-2]].
            #expect(merged == Matrix(rows: 2, columns: 3, values: [1, 1, 1, 7, 4, 1]))
            #expect(adapter.isLowRank(module))
            #expect(throws: CheckpointError.self) { try adapter.mergedWeight(module, base: TestFiles.ramp(3, 2)) }
        }
    }
}
