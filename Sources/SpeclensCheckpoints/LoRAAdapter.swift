import Foundation

/// A PEFT LoRA adapter folder: `adapter_config.json` + `adapter_model.safetensors`.
///
/// Tensor names are sorted into three groups: LoRA factors
/// (`base_model.model.<module>.lora_A[.<adapter>].weight` `[r, in]` and `…lora_B…` `[out, r]`),
/// `modules_to_save` replacement tensors (e.g. `base_model.model.classifier.weight`), and anything
/// else (e.g. LoRA biases), which callers report as skipped.
///
/// Not supported yet, and refused with ``CheckpointError/unsupportedAdapterFeature(file:feature:)``:
/// DoRA (`use_dora` or `lora_magnitude_vector` tensors), `fan_in_fan_out`, non-empty `rank_pattern` or
/// `alpha_pattern`, embedding LoRA (`lora_embedding_A/B`), and PEFT types other than LORA.
public final class LoRAAdapter: Sendable {
    /// Prefix PEFT puts before module paths in saved tensor names.
    public static let modelPrefix = "base_model.model."

    /// The adapter folder, as given to ``init(path:)``.
    public let path: String
    /// The parsed `adapter_config.json`.
    public let config: LoRAConfig
    /// The data file read (`adapter_model.safetensors`); the config file is not listed.
    public let files: [CheckpointFile]
    /// LoRA-adapted modules, sorted by ``LoRAModule/module``.
    public let modules: [LoRAModule]
    /// `modules_to_save` full replacement tensors, names as in the file, sorted by name.
    public let savedTensors: [TensorInfo]
    /// Other tensors (neither LoRA factors nor saved modules), sorted by name.
    public let otherTensors: [TensorInfo]
    /// Non-fatal findings, in words (e.g. an initialisation that also changed the base weights).
    public let warnings: [String]

    private let file: SafetensorsFile

    /// Opens and validates the adapter folder at `path`.
    /// - Throws: ``CheckpointError``: `fileUnreadable`, `noCheckpointFound` (no config or no
    ///   safetensors file), `pickleRefused` (`adapter_model.bin` only), `invalidAdapterConfig`,
    ///   `unsupportedAdapterFeature`, `adapterShapeMismatch` (factor shapes inconsistent with each
    ///   other or with `r`), or any safetensors validation error.
    public init(path: String) throws {
        self.path = path
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw CheckpointError.fileUnreadable(file: path, reason: "no such folder")
        }
        guard isDirectory.boolValue else {
            throw CheckpointError.fileUnreadable(file: path, reason: "a file, not an adapter folder")
        }
        let configPath = ModelCheckpoint.join(path, "adapter_config.json")
        guard FileManager.default.fileExists(atPath: configPath) else {
            throw CheckpointError.noCheckpointFound(path: path, lookedFor: ["adapter_config.json"])
        }
        let configData: Data
        do {
            configData = try Data(contentsOf: URL(fileURLWithPath: configPath))
        } catch {
            throw CheckpointError.fileUnreadable(file: configPath, reason: error.localizedDescription)
        }
        let config = try LoRAConfig(jsonData: configData, file: configPath)
        self.config = config

        func refuse(_ feature: String) -> CheckpointError {
            CheckpointError.unsupportedAdapterFeature(file: configPath, feature: feature)
        }
        guard config.peftType.uppercased() == "LORA" else {
            throw refuse("PEFT type \(config.peftType) (only LORA adapters are read)")
        }
        if config.useDora { throw refuse("DoRA (use_dora = true)") }
        if config.fanInFanOut { throw refuse("fan_in_fan_out = true (weights stored [in, out], e.g. GPT-2 Conv1D)") }
        if !config.rankPattern.isEmpty { throw refuse("per-module ranks (a non-empty rank_pattern)") }
        if !config.alphaPattern.isEmpty { throw refuse("per-module alphas (a non-empty alpha_pattern)") }

        let modelPath = ModelCheckpoint.join(path, "adapter_model.safetensors")
        if !FileManager.default.fileExists(atPath: modelPath) {
            let pickle = ModelCheckpoint.join(path, "adapter_model.bin")
            if FileManager.default.fileExists(atPath: pickle) {
                throw CheckpointError.pickleRefused(file: pickle)
            }
            throw CheckpointError.noCheckpointFound(path: path, lookedFor: ["adapter_model.safetensors"])
        }
        let file = try SafetensorsFile(path: modelPath)
        self.file = file
        self.files = [CheckpointFile(path: file.path, bytes: file.byteCount)]

        var factorA: [String: TensorInfo] = [:]
        var factorB: [String: TensorInfo] = [:]
        var saved: [TensorInfo] = []
        var other: [TensorInfo] = []
        for tensor in file.tensors {
            let stripped = LoRAAdapter.stripPrefix(tensor.name)
            let components = stripped.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
            if components.contains("lora_magnitude_vector") {
                throw CheckpointError.unsupportedAdapterFeature(
                    file: modelPath, feature: "DoRA (tensor \"\(tensor.name)\" is a lora_magnitude_vector)")
            }
            if components.contains(where: { $0.hasPrefix("lora_embedding_") }) {
                throw CheckpointError.unsupportedAdapterFeature(
                    file: modelPath, feature: "embedding LoRA (tensor \"\(tensor.name)\")")
            }
            if let (module, isA) = LoRAAdapter.factor(components) {
                if isA {
                    if let previous = factorA[module] {
                        throw CheckpointError.invalidAdapterConfig(
                            file: modelPath, reason: "module \"\(module)\" has two lora_A tensors (\"\(previous.name)\" and \"\(tensor.name)\"); only single-adapter files are supported")
                    }
                    factorA[module] = tensor
                } else {
                    if let previous = factorB[module] {
                        throw CheckpointError.invalidAdapterConfig(
                            file: modelPath, reason: "module \"\(module)\" has two lora_B tensors (\"\(previous.name)\" and \"\(tensor.name)\"); only single-adapter files are supported")
                    }
                    factorB[module] = tensor
                }
            } else if LoRAAdapter.isSaved(components, modulesToSave: config.modulesToSave) {
                saved.append(tensor)
            } else {
                other.append(tensor)
            }
        }

        var modules: [LoRAModule] = []
        for module in Set(factorA.keys).union(factorB.keys).sorted() {
            guard let a = factorA[module] else {
                throw CheckpointError.invalidAdapterConfig(file: modelPath, reason: "module \"\(module)\" has a lora_B tensor but no lora_A tensor")
            }
            guard let b = factorB[module] else {
                throw CheckpointError.invalidAdapterConfig(file: modelPath, reason: "module \"\(module)\" has a lora_A tensor but no lora_B tensor")
            }
            func mismatch(_ reason: String) -> CheckpointError {
                CheckpointError.adapterShapeMismatch(file: modelPath, module: module, reason: reason)
            }
            guard a.shape.count == 2 else { throw mismatch("lora_A has shape \(a.shape), expected 2-D [r, in]") }
            guard b.shape.count == 2 else { throw mismatch("lora_B has shape \(b.shape), expected 2-D [out, r]") }
            guard a.shape[0] == b.shape[1] else {
                throw mismatch("lora_A \(a.shape) has rank \(a.shape[0]) but lora_B \(b.shape) has rank \(b.shape[1])")
            }
            guard a.shape[0] == config.r else {
                throw mismatch("factor rank \(a.shape[0]) differs from r = \(config.r) in adapter_config.json")
            }
            modules.append(LoRAModule(module: module, aTensor: a.name, bTensor: b.name, rank: a.shape[0],
                                      scale: config.scale, outFeatures: b.shape[0], inFeatures: a.shape[1]))
        }
        guard !modules.isEmpty || !saved.isEmpty else {
            throw CheckpointError.invalidAdapterConfig(file: modelPath, reason: "it holds no lora_A/lora_B tensors and no modules_to_save tensors")
        }
        self.modules = modules
        self.savedTensors = saved
        self.otherTensors = other

        var warnings: [String] = []
        let initialisation = config.initLoraWeights.lowercased()
        if initialisation.hasPrefix("pissa") || ["olora", "corda", "loftq"].contains(initialisation) {
            warnings.append("init_lora_weights is \"\(config.initLoraWeights)\": training changed the base weights too, so the adapter is not a delta on the original base; spectral comparisons with the original base are not meaningful as a LoRA delta")
        }
        self.warnings = warnings
    }

    /// The factors of `module` as float32 row-major matrices: A `[r, in]`, B `[out, r]`.
    /// - Throws: the errors of ``SafetensorsFile/matrix(_:)`` (e.g. unsupported dtype, NaN values).
    public func factors(_ module: LoRAModule) throws -> (a: Matrix, b: Matrix) {
        (try file.matrix(module.aTensor), try file.matrix(module.bTensor))
    }

    /// Reads any 2-D tensor of the adapter file (e.g. a saved module) as a float32 row-major matrix.
    /// - Throws: the errors of ``SafetensorsFile/matrix(_:)``.
    public func matrix(_ name: String) throws -> Matrix {
        try file.matrix(name)
    }

    /// `name` without a leading `base_model.model.`.
    static func stripPrefix(_ name: String) -> String {
        name.hasPrefix(modelPrefix) ? String(name.dropFirst(modelPrefix.count)) : name
    }

    /// For `<module>.lora_A.weight` or `<module>.lora_A.<adapter>.weight` (and lora_B): the module
    /// path and whether it is A; nil for any other name.
    private static func factor(_ components: [String]) -> (String, Bool)? {
        guard let index = components.lastIndex(where: { $0 == "lora_A" || $0 == "lora_B" }), index > 0 else {
            return nil
        }
        let rest = components[(index + 1)...]
        guard rest.last == "weight", rest.count == 1 || rest.count == 2 else { return nil }
        return (components[..<index].joined(separator: "."), components[index] == "lora_A")
    }

    /// Whether the tensor belongs to a `modules_to_save` module: its module path (the name
    /// without the parameter name, and without PEFT's `modules_to_save.<adapter>` wrapper) equals
    /// an entry or ends with `.` + entry.
    private static func isSaved(_ components: [String], modulesToSave: [String]) -> Bool {
        guard components.count >= 2, !modulesToSave.isEmpty else { return false }
        var path = Array(components.dropLast())
        if let wrapper = path.firstIndex(of: "modules_to_save") {
            path = Array(path[..<wrapper])
        } else if path.last == "original_module" {
            return false
        }
        let module = path.joined(separator: ".")
        return modulesToSave.contains { module == $0 || module.hasSuffix("." + $0) }
    }
}
