import Foundation
import SpeclensTestSupport
import Testing

@testable import SpeclensCheckpoints

@Suite("PEFT LoRA adapters")
struct LoRAAdapterTests {
    /// Writes an adapter folder: `config` as adapter_config.json, and LoRA factors for `modules`
    /// (A `[rank, 3]`, B `[2, rank]`) named `base_model.model.<module>.lora_A<infix>.weight`, plus `extra` tensors.
    @discardableResult
    private func writeAdapter(
        _ folder: String, config: String, modules: [String] = ["enc.layer.0.q"],
        rank: Int = 2, infix: String = "",
        extra: [(name: String, matrix: Matrix)] = []
    ) throws -> String {
        try TestFiles.write(config, folder, "adapter_config.json")
        var tensors = extra
        for module in modules {
            tensors.append((name: "base_model.model.\(module).lora_A\(infix).weight", matrix: TestFiles.ramp(rank, 3)))
            tensors.append(
                (name: "base_model.model.\(module).lora_B\(infix).weight", matrix: TestFiles.ramp(2, rank, start: 1)))
        }
        try SafetensorsWriter.write(tensors, to: folder + "/adapter_model.safetensors")
        return folder
    }

    private func config(_ extra: String = "", r: Int = 2, alpha: Double = 4) -> String {
        #"{"peft_type":"LORA","r":\#(r),"lora_alpha":\#(alpha),"target_modules":["q"]\#(extra.isEmpty ? "" : ",")\#(extra)}"#
    }

    @Test("scale is lora_alpha / r, or lora_alpha / sqrt(r) with use_rslora")
    func scale() throws {
        let plain = try LoRAConfig(jsonData: Data(config(r: 8, alpha: 16).utf8), file: "c.json")
        #expect(plain.scale == 2.0)
        let rs = try LoRAConfig(jsonData: Data(config(#""use_rslora":true"#, r: 16, alpha: 8).utf8), file: "c.json")
        #expect(rs.useRslora)
        #expect(rs.scale == 2.0)
    }

    @Test(
        "Missing keys take PEFT's defaults (r 8, alpha 8, flags false, init true); a string target_modules becomes a list"
    )
    func defaults() throws {
        let c = try LoRAConfig(
            jsonData: Data(#"{"peft_type":"LORA","target_modules":"q_proj","base_model_name_or_path":null}"#.utf8),
            file: "c.json")
        #expect(c == LoRAConfig(peftType: "LORA", r: 8, loraAlpha: 8, targetModules: ["q_proj"]))
        #expect(c.initLoraWeights == "true")
        #expect(c.baseModelNameOrPath == nil)
        #expect(c.modulesToSave.isEmpty)
    }

    @Test("rank_pattern and alpha_pattern keep the file's key order, not alphabetical order")
    func patternOrder() throws {
        let text =
            #"{"peft_type":"LORA","r":4,"rank_pattern":{"zeta":8,"alpha\"q":2,"mid.layer":16},"alpha_pattern":{"b":1.5,"a":3},"init_lora_weights":"gaussian"}"#
        let c = try LoRAConfig(jsonData: Data(text.utf8), file: "c.json")
        #expect(
            c.rankPattern == [
                LoRAPatternEntry(key: "zeta", value: 8), LoRAPatternEntry(key: "alpha\"q", value: 2),
                LoRAPatternEntry(key: "mid.layer", value: 16),
            ])
        #expect(c.alphaPattern == [LoRAPatternEntry(key: "b", value: 1.5), LoRAPatternEntry(key: "a", value: 3)])
        #expect(c.initLoraWeights == "gaussian")
    }

    @Test(
        "A config that is not JSON, lacks peft_type or has r ≤ 0 → invalidAdapterConfig",
        arguments: ["not json", #"{"r":4}"#, #"{"peft_type":"LORA","r":0}"#, #"{"peft_type":"LORA","use_dora":"yes"}"#])
    func invalidConfig(text: String) {
        let error = #expect(throws: CheckpointError.self) { try LoRAConfig(jsonData: Data(text.utf8), file: "c.json") }
        #expect(error?.caseName == "invalidAdapterConfig")
    }

    @Test("An adapter's modules: names without base_model.model., factor names as in the file, rank, scale and shapes")
    func modules() throws {
        try TestFiles.withFolder { folder in
            try writeAdapter(folder, config: config(), modules: ["enc.layer.1.q", "enc.layer.0.q"])
            let adapter = try LoRAAdapter(path: folder)
            #expect(adapter.modules.map(\.module) == ["enc.layer.0.q", "enc.layer.1.q"])
            #expect(
                adapter.modules.first
                    == LoRAModule(
                        module: "enc.layer.0.q", aTensor: "base_model.model.enc.layer.0.q.lora_A.weight",
                        bTensor: "base_model.model.enc.layer.0.q.lora_B.weight", rank: 2, scale: 2, outFeatures: 2,
                        inFeatures: 3))
            #expect(adapter.files.map(\.path) == [folder + "/adapter_model.safetensors"])
            #expect(adapter.warnings.isEmpty)
            let (a, b) = try adapter.factors(adapter.modules[0])
            #expect(a == TestFiles.ramp(2, 3))
            #expect(b == TestFiles.ramp(2, 2, start: 1))
        }
    }

    @Test("Factor names that keep the adapter name (lora_A.default.weight) are accepted as the same module")
    func adapterNameKept() throws {
        try TestFiles.withFolder { folder in
            try writeAdapter(folder, config: config(), infix: ".default")
            let adapter = try LoRAAdapter(path: folder)
            #expect(adapter.modules.map(\.module) == ["enc.layer.0.q"])
            #expect(adapter.modules.first?.aTensor == "base_model.model.enc.layer.0.q.lora_A.default.weight")
        }
    }

    @Test("modules_to_save tensors are savedTensors; other tensors (e.g. a LoRA bias) are otherTensors")
    func savedAndOther() throws {
        try TestFiles.withFolder { folder in
            try writeAdapter(
                folder, config: config(#""modules_to_save":["classifier"]"#),
                extra: [
                    (name: "base_model.model.classifier.weight", matrix: TestFiles.ramp(2, 3)),
                    (name: "base_model.model.classifier.bias", matrix: TestFiles.ramp(1, 2)),
                    (name: "base_model.model.enc.layer.0.q.lora_B.bias", matrix: TestFiles.ramp(1, 2)),
                ])
            let adapter = try LoRAAdapter(path: folder)
            #expect(
                adapter.savedTensors.map(\.name) == [
                    "base_model.model.classifier.bias", "base_model.model.classifier.weight",
                ])
            #expect(adapter.otherTensors.map(\.name) == ["base_model.model.enc.layer.0.q.lora_B.bias"])
            #expect(adapter.modules.first?.biasTensor == "base_model.model.enc.layer.0.q.lora_B.bias")
            #expect(adapter.warnings.contains { $0.hasPrefix("lora_bias") })
            #expect(try adapter.matrix("base_model.model.classifier.weight") == TestFiles.ramp(2, 3))
        }
    }

    @Test(
        "fan_in_fan_out, rank_pattern and alpha_pattern are read per module; use_dora without magnitudes is invalid; non-LORA types are refused"
    )
    func formerlyRefusedFeatures() throws {
        try TestFiles.withFolder { folder in
            try writeAdapter(folder, config: config(#""fan_in_fan_out":true"#))
            let fanInFanOut = try LoRAAdapter(path: folder).modules[0]
            #expect(fanInFanOut.layerKind == .conv1D)
            #expect(fanInFanOut.storageShape == [3, 2])

            try writeAdapter(folder, config: config(#""alpha_pattern":{"q":6}"#))
            let alpha = try LoRAAdapter(path: folder).modules[0]
            #expect(alpha.alpha == 6)
            #expect(alpha.scale == 3)

            try writeAdapter(folder, config: config(#""rank_pattern":{"q":4}"#))
            let rank = #expect(throws: CheckpointError.self) { try LoRAAdapter(path: folder) }
            #expect(rank?.caseName == "adapterShapeMismatch")
            #expect(rank?.description.contains("rank_pattern \"q\": 4") == true)

            try writeAdapter(folder, config: config(#""use_dora":true"#))
            let dora = #expect(throws: CheckpointError.self) { try LoRAAdapter(path: folder) }
            #expect(dora?.caseName == "invalidAdapterConfig")
            #expect(dora?.description.contains("lora_magnitude_vector") == true)

            try writeAdapter(
                folder, config: config(),
                extra: [(name: "base_model.model.enc.layer.0.q.lora_magnitude_vector", matrix: TestFiles.ramp(1, 2))])
            let magnitude = #expect(throws: CheckpointError.self) { try LoRAAdapter(path: folder) }
            #expect(magnitude?.caseName == "adapterShapeMismatch")

            try writeAdapter(folder, config: #"{"peft_type":"IA3"}"#)
            let ia3 = #expect(throws: CheckpointError.self) { try LoRAAdapter(path: folder) }
            #expect(ia3?.caseName == "unsupportedAdapterFeature")
            #expect(ia3?.description.contains("IA3") == true)
        }
    }

    @Test(
        "Factor ranks differing from each other or from the config r → adapterShapeMismatch; a lone lora_A → invalidAdapterConfig"
    )
    func inconsistentFactors() throws {
        try TestFiles.withFolder { folder in
            try writeAdapter(folder, config: config(r: 4))
            let wrongR = #expect(throws: CheckpointError.self) { try LoRAAdapter(path: folder) }
            #expect(wrongR?.caseName == "adapterShapeMismatch")
            #expect(wrongR?.description.contains("r = 4") == true)

            try SafetensorsWriter.write(
                [
                    (name: "base_model.model.m.lora_A.weight", matrix: TestFiles.ramp(2, 3)),
                    (name: "base_model.model.m.lora_B.weight", matrix: TestFiles.ramp(2, 3)),
                ],
                to: folder + "/adapter_model.safetensors")
            let ranks = #expect(throws: CheckpointError.self) { try LoRAAdapter(path: folder) }
            #expect(ranks?.caseName == "adapterShapeMismatch")

            try SafetensorsWriter.write(
                [(name: "base_model.model.m.lora_A.weight", matrix: TestFiles.ramp(4, 3))],
                to: folder + "/adapter_model.safetensors")
            let lone = #expect(throws: CheckpointError.self) { try LoRAAdapter(path: folder) }
            #expect(lone?.caseName == "invalidAdapterConfig")
        }
    }

    @Test(
        "An adapter folder whose only weights are a damaged adapter_model.bin → invalidPyTorchCheckpoint; with no config → noCheckpointFound"
    )
    func pickleAndMissing() throws {
        try TestFiles.withFolder { folder in
            try TestFiles.write(config(), folder, "adapter_config.json")
            let pickle = try TestFiles.write(Data([0x80]), folder, "adapter_model.bin")
            let error = #expect(throws: CheckpointError.self) { try LoRAAdapter(path: folder) }
            #expect(error?.caseName == "invalidPyTorchCheckpoint" && error?.description.contains(pickle) == true)
            let empty = folder + "/empty"
            try FileManager.default.createDirectory(atPath: empty, withIntermediateDirectories: true)
            #expect(throws: CheckpointError.noCheckpointFound(path: empty, lookedFor: ["adapter_config.json"])) {
                try LoRAAdapter(path: empty)
            }
        }
    }

    @Test(
        "init_lora_weights pissa*, olora, corda, loftq give a warning that the adapter is not a delta on the original base",
        arguments: ["pissa", "pissa_niter_4", "olora", "corda", "loftq"])
    func initialisationWarning(initialisation: String) throws {
        try TestFiles.withFolder { folder in
            try writeAdapter(folder, config: config(#""init_lora_weights":"\#(initialisation)""#))
            let adapter = try LoRAAdapter(path: folder)
            #expect(adapter.warnings.count == 1)
            #expect(adapter.warnings.first?.contains("the adapter is not a delta on the original base") == true)
        }
    }

    @Test("FineTuneCheckpoint.open picks LoRA for a folder with adapter_config.json and a full checkpoint otherwise")
    func openDispatch() throws {
        try TestFiles.withFolder { folder in
            let adapterFolder = folder + "/adapter"
            try FileManager.default.createDirectory(atPath: adapterFolder, withIntermediateDirectories: true)
            try writeAdapter(adapterFolder, config: config())
            guard case .lora(let adapter) = try FineTuneCheckpoint.open(path: adapterFolder) else {
                Issue.record("expected a LoRA adapter")
                return
            }
            #expect(adapter.modules.count == 1)
            let full = folder + "/full.safetensors"
            try SafetensorsWriter.write([(name: "w", matrix: TestFiles.ramp(1, 1))], to: full)
            let opened = try FineTuneCheckpoint.open(path: full)
            guard case .full = opened else {
                Issue.record("expected a full checkpoint")
                return
            }
            #expect(opened.path == full)
            #expect(opened.files.map(\.path) == [full])
        }
    }

    @Test(
        "Fixture lora-r8-a16: 37 modules (36 encoder + pooler), rank 8, scale 2.0, savedTensors = classifier bias and weight",
        Fixtures.enabled)
    func fixtureR8() throws {
        try Fixtures.require()
        let adapter = try LoRAAdapter(path: Fixtures.minilm("lora-r8-a16"))
        #expect(adapter.modules.count == 37)
        #expect(adapter.modules.filter { $0.module.hasPrefix("bert.encoder.layer.") }.count == 36)
        #expect(adapter.modules.contains { $0.module == "bert.pooler.dense" })
        #expect(adapter.modules.allSatisfy { $0.rank == 8 && $0.scale == 2.0 })
        #expect(adapter.config.scale == 2.0)
        #expect(adapter.config.modulesToSave == ["classifier"])
        #expect(adapter.config.baseModelNameOrPath == "sentence-transformers/all-MiniLM-L6-v2")
        #expect(
            adapter.savedTensors.map(\.name) == [
                "base_model.model.classifier.bias", "base_model.model.classifier.weight",
            ])
        #expect(adapter.otherTensors.isEmpty)
        #expect(adapter.warnings.isEmpty)
        let module = try #require(adapter.modules.first { $0.module == "bert.encoder.layer.0.output.dense" })
        #expect((module.outFeatures, module.inFeatures) == (384, 1536))
        let (a, b) = try adapter.factors(module)
        #expect(a.shape == [8, 1536])
        #expect(b.shape == [384, 8])
    }
}
