import Foundation

/// A PEFT LoRA adapter: `adapter_config.json` + `adapter_model.safetensors`, as a folder or as the
/// safetensors file with an explicit config path.
///
/// Tensor names are sorted into groups: LoRA modules (`base_model.model.<module>.lora_A[.<adapter>].weight`
/// `[r, in]` and `…lora_B…` `[out, r]`; embedding LoRA `…lora_embedding_A[.<adapter>]` `[r, vocab]` and
/// `…lora_embedding_B…` `[dim, r]`; DoRA `…lora_magnitude_vector[.<adapter>][.weight]` `[out]`; and
/// `lora_bias` `…lora_B[.<adapter>].bias` `[out]`), `modules_to_save` replacement tensors (e.g.
/// `base_model.model.classifier.weight`), and anything else (including the LoRA biases and
/// embedding base layers saved by `save_embedding_layers`), which callers report as skipped.
///
/// Per module: r and alpha come from the first `rank_pattern` / `alpha_pattern` key, in the
/// config file's order, whose regex `(.*\.)?(KEY)$` matches the whole module name (without
/// `base_model.model.`), else from `r` / `lora_alpha` (PEFT's `get_pattern_key`); the rank is checked
/// against the A factor; the scale is `alpha / r`, or `alpha / sqrt(r)` with `use_rslora`.
/// Layer kind: embedding modules are ``LoRALayerKind/embedding``, others ``LoRALayerKind/conv1D``
/// with `fan_in_fan_out` and ``LoRALayerKind/linear`` without (see ``LoRAModule`` for what that
/// means for the factors).
///
/// Refused with ``CheckpointError/unsupportedAdapterFeature(file:feature:)``: PEFT types other than
/// LORA. `adapter_model.bin` is refused as a pickle.
public final class LoRAAdapter: Sendable {
    /// Prefix PEFT puts before module paths in saved tensor names.
    public static let modelPrefix = "base_model.model."
    /// The weight files an adapter folder is searched for, in order of preference.
    public static let weightFileNames = ["adapter_model.safetensors", "adapter_model.bin"]

    /// The adapter folder or safetensors file, as given to ``init(path:configPath:)``.
    public let path: String
    /// The config file read (`adapter_config.json` in the folder, or the explicit config path).
    public let configPath: String
    /// The parsed `adapter_config.json`.
    public let config: LoRAConfig
    /// The data file read (`adapter_model.safetensors`); the config file is not listed.
    public let files: [CheckpointFile]
    /// LoRA-adapted modules, sorted by ``LoRAModule/module``.
    public let modules: [LoRAModule]
    /// `modules_to_save` full replacement tensors, names as in the file, sorted by name.
    public let savedTensors: [TensorInfo]
    /// Other tensors (neither LoRA factors, DoRA magnitudes nor saved modules; e.g. `lora_B` biases),
    /// sorted by name.
    public let otherTensors: [TensorInfo]
    /// Non-fatal findings, in words (e.g. an initialisation that also changed the base weights).
    public let warnings: [String]

    /// The adapter's files that were not read because a preferred one was present
    /// (`adapter_model.bin` beside `adapter_model.safetensors`), as file names.
    public let unreadFiles: [String]

    private let file: any TensorFile

    /// Opens and validates the adapter folder at `path` (see ``init(path:configPath:)``).
    public convenience init(path: String) throws {
        try self.init(path: path, configPath: nil)
    }

    /// Opens and validates an adapter: `path` is a folder holding `adapter_config.json` and
    /// `adapter_model.safetensors` (else `adapter_model.bin`, as PEFT saved adapters before
    /// safetensors, read as a ``PyTorchFile``), or an adapter `.safetensors` or `.bin` file;
    /// `configPath` names the config explicitly (default: `adapter_config.json` in the folder, or
    /// beside the file).
    /// - Throws: ``CheckpointError``: `fileUnreadable`, `noCheckpointFound` (no config or no
    ///   weights file), the errors of ``PyTorchFile/init(path:)``,
    ///   `invalidAdapterConfig` (bad config, bad pattern regex, unpaired or duplicated factors),
    ///   `unsupportedAdapterFeature` (non-LoRA PEFT type), `adapterShapeMismatch` (factor shapes
    ///   inconsistent with each other or with the module's r), or any safetensors validation error.
    public init(path: String, configPath: String?) throws {
        self.path = path
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw CheckpointError.fileUnreadable(file: path, reason: "no such file or folder")
        }
        let folder = isDirectory.boolValue ? path : (path as NSString).deletingLastPathComponent
        let configPath = configPath ?? ModelCheckpoint.join(folder, "adapter_config.json")
        self.configPath = configPath
        let config = try LoRAAdapter.readConfig(at: configPath, adapterPath: path)
        self.config = config
        let rankPatterns = try LoRAAdapter.compile(config.rankPattern.map(\.key), "rank_pattern", configPath)
        let alphaPatterns = try LoRAAdapter.compile(config.alphaPattern.map(\.key), "alpha_pattern", configPath)

        let modelPath: String
        if isDirectory.boolValue {
            (modelPath, self.unreadFiles) = try LoRAAdapter.weightFile(inFolder: path)
        } else {
            modelPath = path
            self.unreadFiles = []
        }
        let file = try TensorFiles.open(modelPath)
        self.file = file
        self.files = [CheckpointFile(path: file.path, bytes: file.byteCount)]

        let (parts, saved, other) = try LoRAAdapter.sortTensors(of: file, config: config, modelPath: modelPath)
        var modules: [LoRAModule] = []
        var biasModules = 0
        for (module, found) in parts.sorted(by: { $0.key < $1.key }) {
            modules.append(
                try LoRAAdapter.module(
                    module, found: found, config: config, rankPatterns: rankPatterns, alphaPatterns: alphaPatterns,
                    modelPath: modelPath))
            if found[.bias] != nil { biasModules += 1 }
        }
        guard !modules.isEmpty || !saved.isEmpty else {
            throw CheckpointError.invalidAdapterConfig(
                file: modelPath, reason: "it holds no LoRA factor tensors and no modules_to_save tensors")
        }
        self.modules = modules
        self.savedTensors = saved
        self.otherTensors = other.sorted { $0.name < $1.name }
        self.warnings = LoRAAdapter.warnings(config: config, biasModules: biasModules)
    }

    /// Reads and parses the config file at `configPath` (of the adapter at `adapterPath`) and
    /// checks that it is a LoRA adapter's.
    private static func readConfig(at configPath: String, adapterPath path: String) throws -> LoRAConfig {
        guard FileManager.default.fileExists(atPath: configPath) else {
            throw CheckpointError.noCheckpointFound(path: path, lookedFor: [(configPath as NSString).lastPathComponent])
        }
        let configData: Data
        do {
            configData = try Data(contentsOf: URL(fileURLWithPath: configPath))
        } catch {
            throw CheckpointError.fileUnreadable(file: configPath, reason: error.localizedDescription)
        }
        let config = try LoRAConfig(jsonData: configData, file: configPath)
        guard config.peftType.uppercased() == "LORA" else {
            throw CheckpointError.unsupportedAdapterFeature(
                file: configPath, feature: "PEFT type \(config.peftType) (only LORA adapters are read)")
        }
        return config
    }

    /// The weights file of the adapter folder `path` (the first of ``weightFileNames`` present)
    /// and the names of the others present, which are not read.
    private static func weightFile(inFolder path: String) throws -> (path: String, unread: [String]) {
        let present = weightFileNames.filter { FileManager.default.fileExists(atPath: ModelCheckpoint.join(path, $0)) }
        guard let first = present.first else {
            throw CheckpointError.noCheckpointFound(path: path, lookedFor: weightFileNames)
        }
        return (ModelCheckpoint.join(path, first), Array(present.dropFirst()))
    }

    /// The tensors of `file` sorted into per-module parts (LoRA factors, DoRA magnitudes, biases),
    /// saved-module tensors, and the others (biases are listed there too), in file order.
    /// - Throws: ``CheckpointError/invalidAdapterConfig(file:reason:)`` when a module has two
    ///   tensors of one part (more than one adapter in the file).
    private static func sortTensors(of file: any TensorFile, config: LoRAConfig, modelPath: String) throws
        -> (parts: [String: [Part: TensorInfo]], saved: [TensorInfo], other: [TensorInfo])
    {
        var parts: [String: [Part: TensorInfo]] = [:]
        var saved: [TensorInfo] = []
        var other: [TensorInfo] = []
        for tensor in file.tensors {
            let stripped = stripPrefix(tensor.name)
            let components = stripped.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
            if let (module, part) = LoRAAdapter.part(components) {
                if let previous = parts[module]?[part] {
                    throw CheckpointError.invalidAdapterConfig(
                        file: modelPath,
                        reason:
                            "module \"\(module)\" has two \(part.rawValue) tensors (\"\(previous.name)\" and \"\(tensor.name)\"); only single-adapter files are supported"
                    )
                }
                parts[module, default: [:]][part] = tensor
                if part == .bias { other.append(tensor) }
            } else if isSaved(components, modulesToSave: config.modulesToSave) {
                saved.append(tensor)
            } else {
                other.append(tensor)
            }
        }
        return (parts, saved, other)
    }

    /// The LoRA module `module` from its tensors `found`, checked: a pair of LoRA factors (linear or
    /// embedding, not both), 2-D with equal ranks equal to the module's r (``LoRAConfig/rankPattern``
    /// or `r`), a magnitude vector of the right length (required with `use_dora`); r, alpha and the
    /// scale from the config and its patterns.
    private static func module(
        _ module: String, found: [Part: TensorInfo], config: LoRAConfig, rankPatterns: [CompiledPattern],
        alphaPatterns: [CompiledPattern], modelPath: String
    ) throws -> LoRAModule {
        func invalid(_ reason: String) -> CheckpointError {
            CheckpointError.invalidAdapterConfig(file: modelPath, reason: "module \"\(module)\" \(reason)")
        }
        func mismatch(_ reason: String) -> CheckpointError {
            CheckpointError.adapterShapeMismatch(file: modelPath, module: module, reason: reason)
        }
        let linear = found[.a] != nil || found[.b] != nil
        let embedding = found[.embeddingA] != nil || found[.embeddingB] != nil
        if linear && embedding { throw invalid("has both lora_A/lora_B and lora_embedding_A/B tensors") }
        if !linear && !embedding {
            throw invalid("has \(found.keys.map(\.rawValue).sorted().joined(separator: ", ")) but no LoRA factors")
        }
        let (aName, bName) = embedding ? ("lora_embedding_A", "lora_embedding_B") : ("lora_A", "lora_B")
        guard let a = found[embedding ? .embeddingA : .a] else {
            throw invalid("has a \(bName) tensor but no \(aName) tensor")
        }
        guard let b = found[embedding ? .embeddingB : .b] else {
            throw invalid("has a \(aName) tensor but no \(bName) tensor")
        }
        guard a.shape.count == 2 else {
            throw mismatch("\(aName) has shape \(a.shape), expected 2-D [r, \(embedding ? "vocab" : "in")]")
        }
        guard b.shape.count == 2 else {
            throw mismatch("\(bName) has shape \(b.shape), expected 2-D [\(embedding ? "dim" : "out"), r]")
        }
        guard a.shape[0] == b.shape[1] else {
            throw mismatch("\(aName) \(a.shape) has rank \(a.shape[0]) but \(bName) \(b.shape) has rank \(b.shape[1])")
        }
        let rankKey = zip(config.rankPattern, rankPatterns).first { $0.1.matches(module) }?.0
        let alphaKey = zip(config.alphaPattern, alphaPatterns).first { $0.1.matches(module) }?.0
        let r = rankKey?.value ?? config.r
        let alpha = alphaKey?.value ?? config.loraAlpha
        guard a.shape[0] == r else {
            let source = rankKey.map { "rank_pattern \"\($0.key)\": \($0.value)" } ?? "r = \(config.r)"
            throw mismatch("factor rank \(a.shape[0]) differs from \(source) in adapter_config.json")
        }
        let out = b.shape[0]
        let inFeatures = a.shape[1]
        if let magnitude = found[.magnitude] {
            guard magnitude.shape == [out] else {
                throw mismatch(
                    "lora_magnitude_vector has shape \(magnitude.shape), expected [\(out)] (one magnitude per output feature)"
                )
            }
        } else if config.useDora {
            throw invalid("has no lora_magnitude_vector although use_dora is true")
        }
        let layerKind: LoRALayerKind = embedding ? .embedding : (config.fanInFanOut ? .conv1D : .linear)
        let scale = config.useRslora ? alpha / Double(r).squareRoot() : alpha / Double(r)
        return LoRAModule(
            module: module, aTensor: a.name, bTensor: b.name, rank: r, scale: scale,
            outFeatures: out, inFeatures: inFeatures, alpha: alpha,
            layerKind: layerKind, magnitudeTensor: found[.magnitude]?.name,
            biasTensor: found[.bias]?.name)
    }

    /// The adapter's non-fatal findings: an initialisation that changed the base weights too
    /// (PiSSA, OLoRA, CorDA, LoftQ), and `biasModules` modules that also train a bias.
    private static func warnings(config: LoRAConfig, biasModules: Int) -> [String] {
        var warnings: [String] = []
        let initialisation = config.initLoraWeights.lowercased()
        if ["pissa", "olora", "corda", "loftq"].contains(where: { initialisation.hasPrefix($0) }) {
            warnings.append(
                "init_lora_weights is \"\(config.initLoraWeights)\": training changed the base weights too, so the adapter is not a delta on the original base; spectral comparisons with the original base are not meaningful as a LoRA delta"
            )
        }
        if biasModules > 0 {
            warnings.append(
                "lora_bias: \(biasModules) module(s) also train a bias (lora_B.bias); biases are not matrices and are not compared, but the weights are merged as usual"
            )
        }
        return warnings
    }

    /// The factors of `module` as float32 row-major matrices in the layer's `[out, in]` layout
    /// (see ``LoRAModule``): A `[r, in]`, B `[out, r]`, so that `ΔW_analysis = module.scale · B · A`.
    /// For `fan_in_fan_out` modules the stored weight is `ΔW_analysisᵀ`; for embeddings
    /// (A = `lora_embedding_A` `[r, vocab]`, B = `lora_embedding_B` `[dim, r]`) the stored `[vocab, dim]`
    /// table changes by `ΔW_analysisᵀ`. For DoRA this is only the direction update (see ``isLowRank(_:)``).
    /// - Throws: the errors of ``SafetensorsFile/matrix(_:)`` (e.g. unsupported dtype, NaN values).
    public func factors(_ module: LoRAModule) throws -> (a: Matrix, b: Matrix) {
        (try file.matrix(module.aTensor), try file.matrix(module.bTensor))
    }

    /// DoRA's magnitude vector of `module` (`[outFeatures]`, float32), or nil for plain LoRA.
    /// - Throws: the errors of ``SafetensorsFile/vector(_:)``.
    public func magnitude(_ module: LoRAModule) throws -> [Float]? {
        try module.magnitudeTensor.map { try file.vector($0) }
    }

    /// True when the merge is W0 + s·B·A up to layout (plain LoRA/rsLoRA/patterns/fan_in_fan_out/embedding);
    /// false for DoRA (full-rank change).
    public func isLowRank(_ module: LoRAModule) -> Bool {
        !module.isDoRA
    }

    /// The merged fine-tuned weight in STORAGE layout, exactly as PEFT's merge_and_unload() would produce it (float32).
    ///
    /// In the layer's `[out, in]` layout (`W` = `base`, transposed when ``LoRAModule/layerKind``
    /// stores it transposed):
    /// `V = W + s·B·A`; plain LoRA returns V; DoRA returns each output row rescaled,
    /// `W'[o,:] = m[o]·V[o,:]/‖V[o,:]‖₂` (PEFT's weight norm per output feature, taken on the
    /// unmerged base plus the scaled update). The result is transposed back to `base`'s layout.
    /// Sums are accumulated in double precision. A `lora_B` bias does not enter the weight.
    /// - Parameter base: the base weight as stored, float32 (shape ``LoRAModule/storageShape``).
    /// - Throws: ``CheckpointError/adapterShapeMismatch(file:module:reason:)`` for a base of the
    ///   wrong shape, or the errors of reading the factors and magnitudes.
    public func mergedWeight(_ module: LoRAModule, base: Matrix) throws -> Matrix {
        try mergedWeight(module, base: base, factors: try factors(module))
    }

    /// ``mergedWeight(_:base:)`` with other factors of the same shapes in place of the module's own
    /// (e.g. re-factored ones); DoRA's magnitudes are the module's.
    public func mergedWeight(_ module: LoRAModule, base: Matrix, factors: (a: Matrix, b: Matrix)) throws -> Matrix {
        guard base.shape == module.storageShape else {
            throw CheckpointError.adapterShapeMismatch(
                file: file.path, module: module.module,
                reason:
                    "the base weight has shape \(base.shape) but the adapter expects \(module.storageShape) (stored layout of a \(module.layerKind.rawValue) layer)"
            )
        }
        let (a, b) = factors
        let out = module.outFeatures
        let inFeatures = module.inFeatures
        let r = module.rank
        let transposed = module.layerKind.storedTransposed
        let scale = module.scale
        var merged = [Double](repeating: 0, count: out * inFeatures)  // the layer's [out, in] layout
        a.values.withUnsafeBufferPointer { av in
            b.values.withUnsafeBufferPointer { bv in
                base.values.withUnsafeBufferPointer { wv in
                    merged.withUnsafeMutableBufferPointer { mv in
                        var row = [Double](repeating: 0, count: inFeatures)
                        for o in 0..<out {
                            for i in 0..<inFeatures { row[i] = 0 }
                            for k in 0..<r {
                                let coefficient = Double(bv[o * r + k])
                                if coefficient == 0 { continue }
                                let aRow = k * inFeatures
                                for i in 0..<inFeatures { row[i] += coefficient * Double(av[aRow + i]) }
                            }
                            for i in 0..<inFeatures {
                                let w = transposed ? wv[i * out + o] : wv[o * inFeatures + i]
                                mv[o * inFeatures + i] = Double(w) + scale * row[i]
                            }
                        }
                    }
                }
            }
        }
        if let magnitude = try magnitude(module) {
            for o in 0..<out {
                var squares = 0.0
                for i in 0..<inFeatures { squares += merged[o * inFeatures + i] * merged[o * inFeatures + i] }
                let norm = squares.squareRoot()
                let factor = norm > 0 ? Double(magnitude[o]) / norm : 0
                for i in 0..<inFeatures { merged[o * inFeatures + i] *= factor }
            }
        }
        var values = [Float](repeating: 0, count: out * inFeatures)
        for o in 0..<out {
            for i in 0..<inFeatures {
                values[transposed ? i * out + o : o * inFeatures + i] = Float(merged[o * inFeatures + i])
            }
        }
        return Matrix(rows: base.rows, columns: base.columns, values: values)
    }

    /// Every tensor of the adapter file, as listed in its header (sorted by name).
    public var allTensors: [TensorInfo] { file.tensors }

    /// The adapter file's `__metadata__` strings.
    public var fileMetadata: [String: String] { file.metadata }

    /// 64 bits of the SHA-256 of tensor `name`'s dtype, shape and stored values.
    public func contentHash(_ name: String) throws -> UInt64 {
        try file.contentHash(name)
    }

    /// The stored bytes of tensor `name` (any dtype), to copy it unchanged.
    /// - Throws: ``CheckpointError/tensorNotFound(file:tensor:)``.
    public func rawBytes(_ name: String) throws -> Data {
        try file.rawBytes(name)
    }

    /// Reads any 2-D tensor of the adapter file (e.g. a saved module) as a float32 row-major matrix.
    /// - Throws: the errors of ``SafetensorsFile/matrix(_:)``.
    public func matrix(_ name: String) throws -> Matrix {
        try file.matrix(name)
    }

    /// The base-model name of a saved (`modules_to_save`) tensor: `name` without
    /// `base_model.model.` and without PEFT's `modules_to_save.<adapter>.` wrapper, e.g.
    /// `base_model.model.classifier.modules_to_save.default.weight` → `classifier.weight`.
    public static func modelName(ofSavedTensor name: String) -> String {
        var components = stripPrefix(name).split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        if let wrapper = components.firstIndex(of: "modules_to_save"), wrapper + 2 < components.count {
            components.removeSubrange(wrapper...(wrapper + 1))
        }
        return components.joined(separator: ".")
    }

    /// `name` without a leading `base_model.model.`.
    static func stripPrefix(_ name: String) -> String {
        name.hasPrefix(modelPrefix) ? String(name.dropFirst(modelPrefix.count)) : name
    }

    /// The kinds of per-module adapter tensors.
    enum Part: String {
        case a = "lora_A"
        case b = "lora_B"
        case embeddingA = "lora_embedding_A"
        case embeddingB = "lora_embedding_B"
        case magnitude = "lora_magnitude_vector"
        case bias = "lora_B bias"
    }

    /// For a per-module adapter tensor name (without `base_model.model.`), its module path and part;
    /// nil for any other name. Accepted: `<m>.lora_A[.<adapter>].weight`, `<m>.lora_B[.<adapter>].weight`,
    /// `<m>.lora_B[.<adapter>].bias`, `<m>.lora_embedding_A[.<adapter>]`, `<m>.lora_embedding_B[.<adapter>]`,
    /// `<m>.lora_magnitude_vector[.<adapter>][.weight]`.
    static func part(_ components: [String]) -> (String, Part)? {
        let markers: Set<String> = [
            "lora_A", "lora_B", "lora_embedding_A", "lora_embedding_B", "lora_magnitude_vector",
        ]
        guard let index = components.lastIndex(where: { markers.contains($0) }), index > 0 else { return nil }
        let module = components[..<index].joined(separator: ".")
        let rest = Array(components[(index + 1)...])
        switch components[index] {
        case "lora_A", "lora_B":
            guard rest.count == 1 || rest.count == 2 else { return nil }
            if rest.last == "weight" { return (module, components[index] == "lora_A" ? .a : .b) }
            if rest.last == "bias", components[index] == "lora_B" { return (module, .bias) }
            return nil
        case "lora_embedding_A", "lora_embedding_B":
            guard rest.count <= 1 else { return nil }
            return (module, components[index] == "lora_embedding_A" ? .embeddingA : .embeddingB)
        default:
            guard rest.count <= 2, rest.count < 2 || rest.last == "weight" else { return nil }
            return (module, .magnitude)
        }
    }

    /// Compiles PEFT pattern keys as `^(.*\.)?(KEY)$`.
    private static func compile(_ keys: [String], _ field: String, _ configPath: String) throws -> [CompiledPattern] {
        try keys.map { key in
            guard let pattern = CompiledPattern("^(.*\\.)?(\(key))$") else {
                throw CheckpointError.invalidAdapterConfig(
                    file: configPath, reason: "\(field) key \"\(key)\" is not a valid regular expression")
            }
            return pattern
        }
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
