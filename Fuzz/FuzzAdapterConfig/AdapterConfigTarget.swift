import Foundation
import SpeclensCheckpoints

/// Parses the input with `LoRAConfig(jsonData:file:)`, then opens it as the `adapter_config.json` of
/// several small valid PEFT adapters (the committed PEFT reference adapters: rank and alpha
/// patterns, embedding + DoRA, GPT-2 Conv1D + DoRA, modules_to_save, lora_bias, and the patterns
/// adapter rewritten as BF16), so that patterns, layer kinds and module resolution run: every
/// module's factors, magnitude and merge, every saved tensor. Thrown errors are expected; only
/// crashes, sanitizer findings, hangs and huge allocations are findings.
enum AdapterConfigTarget {
    /// The PEFT reference variants used, as committed under `Tests/SpeclensCheckpointsTests/PEFTReference`.
    static let variants = ["patterns", "embedding_dora", "gpt2_dora", "modules_to_save", "lora_bias"]

    /// `Tests/SpeclensCheckpointsTests/PEFTReference` of this checkout (or `$SPECLENS_PEFT_REFERENCE`).
    static let reference: String = {
        if let path = ProcessInfo.processInfo.environment["SPECLENS_PEFT_REFERENCE"], !path.isEmpty { return path }
        return URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appending(path: "Tests/SpeclensCheckpointsTests/PEFTReference").path
    }()

    /// A private scratch folder for this process holding one adapter folder per variant (without
    /// its config), removed at exit.
    static let folder: String = {
        let root = FileManager.default.isWritableFile(atPath: "/dev/shm") ? "/dev/shm" : NSTemporaryDirectory()
        let path = (root as NSString).appendingPathComponent("speclens-fuzz-adapter-\(getpid())")
        let manager = FileManager.default
        do {
            for variant in variants {
                let target = (path as NSString).appendingPathComponent(variant)
                try manager.createDirectory(atPath: target, withIntermediateDirectories: true)
                try manager.copyItem(
                    atPath: "\(reference)/\(variant)/adapter/adapter_model.safetensors",
                    toPath: "\(target)/adapter_model.safetensors")
            }
            let source = try SafetensorsFile(path: "\(reference)/patterns/adapter/adapter_model.safetensors")
            let target = (path as NSString).appendingPathComponent("patterns_bf16")
            try manager.createDirectory(atPath: target, withIntermediateDirectories: true)
            try SafetensorsWriter.write(
                try source.tensors.map { ($0.name, try source.matrix($0.name)) },
                to: "\(target)/adapter_model.safetensors", dtype: .BF16)
        } catch {
            fatalError("cannot prepare the scratch adapters in \(path) from \(reference): \(error)")
        }
        atexit { try? FileManager.default.removeItem(atPath: AdapterConfigTarget.folder) }
        return path
    }()

    static func run(_ data: Data) {
        _ = try? LoRAConfig(jsonData: data, file: "adapter_config.json")
        for variant in variants + ["patterns_bf16"] {
            let adapterFolder = (folder as NSString).appendingPathComponent(variant)
            let config = (adapterFolder as NSString).appendingPathComponent("adapter_config.json")
            guard (try? data.write(to: URL(fileURLWithPath: config))) != nil else {
                fatalError("cannot write the scratch file \(config)")
            }
            guard case .lora(let adapter)? = try? FineTuneCheckpoint.open(path: adapterFolder) else { continue }
            exercise(adapter)
        }
    }

    /// Reads everything an analysis of the adapter reads.
    static func exercise(_ adapter: LoRAAdapter) {
        for module in adapter.modules {
            precondition(module.rank > 0 && module.outFeatures >= 0 && module.inFeatures >= 0, "bad module \(module)")
            _ = adapter.isLowRank(module)
            _ = try? adapter.magnitude(module)
            if let (a, b) = try? adapter.factors(module) {
                precondition(
                    a.shape == [module.rank, module.inFeatures] && b.shape == [module.outFeatures, module.rank],
                    "factor shapes \(a.shape) \(b.shape) disagree with module \(module)")
            }
            let shape = module.storageShape
            let base = Matrix(
                rows: shape[0], columns: shape[1],
                values: (0..<(shape[0] * shape[1])).map { Float($0 % 7) - 3 })
            if let merged = try? adapter.mergedWeight(module, base: base) {
                precondition(merged.shape == shape, "merged shape \(merged.shape) differs from \(shape)")
            }
        }
        for tensor in adapter.savedTensors {
            _ = LoRAAdapter.modelName(ofSavedTensor: tensor.name)
            _ = try? adapter.matrix(tensor.name)
        }
        _ = adapter.warnings
    }
}
