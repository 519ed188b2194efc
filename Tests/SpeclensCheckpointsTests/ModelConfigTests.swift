import Foundation
import SpeclensCheckpoints
import SpeclensTestSupport
import Testing

/// What speclens reads from a base's `config.json` (width, depth, names) and how it tells whether
/// two data files are the same.
@Suite("Model config and file identity")
struct ModelConfigTests {
    /// Opens a one-matrix checkpoint whose folder holds `config` as `config.json`.
    func checkpoint(config: String) throws -> ModelConfig? {
        try TestFiles.withFolder { folder in
            try SafetensorsWriter.write(
                [(name: "a.weight", matrix: TestFiles.ramp(2, 2))], to: folder + "/model.safetensors")
            try TestFiles.write(config, folder, "config.json")
            return try ModelCheckpoint(path: folder).config
        }
    }

    @Test(
        "Width and depth are read under each family's key (hidden_size/n_embd/d_model, num_hidden_layers/n_layer/num_layers), with the key",
        arguments: [
            (
                #"{"hidden_size": 384, "num_hidden_layers": 6}"#, ConfigNumber(key: "hidden_size", value: 384),
                ConfigNumber(key: "num_hidden_layers", value: 6)
            ),
            (
                #"{"n_embd": 768, "n_layer": 12}"#, ConfigNumber(key: "n_embd", value: 768),
                ConfigNumber(key: "n_layer", value: 12)
            ),
            (
                #"{"d_model": 512, "num_layers": 8}"#, ConfigNumber(key: "d_model", value: 512),
                ConfigNumber(key: "num_layers", value: 8)
            ),
        ])
    func widthAndDepth(config: String, hidden: ConfigNumber, layers: ConfigNumber) throws {
        let read = try #require(try checkpoint(config: config))
        #expect(read.hiddenSize == hidden)
        #expect(read.layerCount == layers)
    }

    @Test(
        "A boolean, a string or a fraction is not a size; the first key present wins (hidden_size before d_model); 1 is a size"
    )
    func notNumbers() throws {
        let read = try #require(
            try checkpoint(config: #"{"hidden_size": true, "n_embd": "768", "d_model": 64.5, "num_hidden_layers": 1}"#))
        #expect(read.hiddenSize == nil)
        #expect(read.layerCount == ConfigNumber(key: "num_hidden_layers", value: 1))
        let both = try #require(try checkpoint(config: #"{"d_model": 32, "hidden_size": 16}"#))
        #expect(both.hiddenSize == ConfigNumber(key: "hidden_size", value: 16))
    }

    @Test(
        "The PEFT reference bases: LLaMA hidden_size 16 and 2 layers, GPT-2 n_embd 16 and n_layer 2, model types kept, no _name_or_path"
    )
    func referenceBases() throws {
        let llama = try #require(
            try ModelCheckpoint(path: Fixtures.peftReference.appending(path: "lora/base").path).config)
        #expect(llama.modelType == "llama")
        #expect(llama.hiddenSize == ConfigNumber(key: "hidden_size", value: 16))
        #expect(llama.layerCount == ConfigNumber(key: "num_hidden_layers", value: 2))
        #expect(llama.nameOrPath == nil)
        let gpt2 = try #require(
            try ModelCheckpoint(path: Fixtures.peftReference.appending(path: "gpt2_fan_in_fan_out/base").path).config)
        #expect(gpt2.hiddenSize == ConfigNumber(key: "n_embd", value: 16))
        #expect(gpt2.layerCount == ConfigNumber(key: "n_layer", value: 2))
    }

    @Test(
        "The MiniLM base's config names its backbone, nreimers/MiniLM-L6-H384-uncased, with hidden_size 384 and 6 layers",
        Fixtures.enabled)
    func miniLMBase() throws {
        try Fixtures.require()
        let config = try #require(try ModelCheckpoint(path: Fixtures.minilm("base")).config)
        #expect(config.nameOrPath == "nreimers/MiniLM-L6-H384-uncased")
        #expect(config.hiddenSize?.value == 384)
        #expect(config.layerCount?.value == 6)
    }

    @Test(
        "A byte-for-byte copy has identical bytes; other values of the same size, a re-saved copy (other header, same values) and another size do not; a symlink resolves to its target"
    )
    func identicalBytes() throws {
        try TestFiles.withFolder { folder in
            let source = folder + "/a.safetensors"
            try SafetensorsWriter.write([(name: "a.weight", matrix: TestFiles.ramp(3, 3))], to: source)
            try FileManager.default.copyItem(atPath: source, toPath: folder + "/copy.safetensors")
            try TestFiles.resavedCopy(of: source, to: folder + "/resaved.safetensors")
            try SafetensorsWriter.write(
                [(name: "a.weight", matrix: TestFiles.ramp(3, 4))], to: folder + "/other.safetensors")
            try SafetensorsWriter.write(
                [(name: "a.weight", matrix: TestFiles.ramp(3, 3, start: 1))], to: folder + "/values.safetensors")
            try FileManager.default.createSymbolicLink(
                atPath: folder + "/link.safetensors", withDestinationPath: source)
            func file(_ name: String) throws -> CheckpointFile {
                try ModelCheckpoint(path: folder + "/" + name).files[0]
            }
            let original = try file("a.safetensors")
            #expect(try original.hasIdenticalBytes(to: file("copy.safetensors")))
            #expect(try original.bytes == file("values.safetensors").bytes)
            #expect(try !original.hasIdenticalBytes(to: file("values.safetensors")))
            #expect(try !original.hasIdenticalBytes(to: file("resaved.safetensors")))
            #expect(try !original.hasIdenticalBytes(to: file("other.safetensors")))
            #expect(
                try ModelCheckpoint(path: folder + "/resaved.safetensors").matrix("a.weight") == TestFiles.ramp(3, 3))
            #expect(try file("link.safetensors").resolvedPath == original.resolvedPath)
            #expect(try file("copy.safetensors").resolvedPath != original.resolvedPath)
        }
    }
}
