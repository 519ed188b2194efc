import Foundation
import SpeclensCheckpoints
import SpeclensDataset
import SpeclensLinearAlgebra
import SpeclensOutput

/// `speclens mitigate`: applies ``IntruderMitigation`` to every module of a PEFT LoRA adapter
/// (selection flags do not apply) and writes a new adapter folder that PEFT loads like the
/// original: `adapter_config.json` (the original's, with a note of what was done), and
/// `adapter_model.safetensors` with the original's tensor names, dtypes and shapes, where only the
/// `lora_A`/`lora_B` (or `lora_embedding_A/B`) values of modules with intruders change and every
/// other tensor (DoRA magnitudes, biases, saved modules) is copied byte for byte; plus the record
/// `speclens-mitigation.json` (``MitigationRecord``).
///
/// DoRA: the LoRA part `s·B·A` is mitigated and the magnitude vector copied, as PEFT does.
///
/// The output never writes over an input: an output folder that is the base's or the adapter's
/// folder, lies inside one or holds one is refused, even with ``allowForeignOutput``. The folder
/// is written as a ``StagedFolder`` (staged beside it, flushed, swapped in whole, its marker
/// ``outputMarker`` listing what speclens wrote): a folder speclens wrote before is replaced, a
/// foreign non-empty one is refused unless ``allowForeignOutput`` is set.
public struct AdapterMitigation: Sendable {
    /// The mitigation settings.
    public let mitigation: IntruderMitigation
    /// Name rewrites to pair module names with the base (as in the analysis).
    public let rewrites: [NameRewrite]
    /// Where base decompositions are kept between runs (shared with the analysis); nil computes
    /// every one.
    public var baseCache: DecompositionCache?
    /// Write into an existing folder speclens did not write (its other files are kept; files of
    /// the same names are replaced). Never allows writing over an input.
    public var allowForeignOutput = false

    /// The marker file of an output folder, listing the files speclens wrote into it.
    static let outputMarker = ".speclens-mitigate"

    public init(mitigation: IntruderMitigation, rewrites: [NameRewrite] = []) {
        self.mitigation = mitigation
        self.rewrites = rewrites
    }

    /// What to write.
    public enum Output: Sendable {
        /// A PEFT adapter folder (`adapter_config.json`, `adapter_model.safetensors`,
        /// `speclens-mitigation.json`).
        case adapter(String)
        /// The merged model: every base tensor, with the mitigated modules merged (and saved
        /// modules replaced, as PEFT's `merge_and_unload` does), in the base's dtypes and the
        /// base's files (sharded like the base, with its index and `config.json`), plus
        /// `speclens-mitigation.json`.
        case merged(String)

        /// The output folder.
        var folder: String {
            switch self {
            case .adapter(let folder), .merged(let folder): return folder
            }
        }
    }

    /// Mitigates the adapter at `adapterPath` against `basePath` and writes the new adapter into
    /// `output` (created if needed; files of the same names are replaced).
    /// - Returns: the record written.
    /// - Throws: checkpoint errors of reading, ``AnalysisError`` of pairing and decomposing, or
    ///   ``CheckpointError/writeFailed(file:reason:)``.
    public func run(basePath: String, adapterPath: String, output: String) throws -> MitigationRecord {
        try run(basePath: basePath, adapterPath: adapterPath, writing: .adapter(output))
    }

    /// Mitigates the adapter at `adapterPath` against `basePath` and writes `output`.
    /// - Returns: the record written.
    /// - Throws: as ``run(basePath:adapterPath:output:)``, and ``OutputError`` for an output
    ///   folder over an input or a foreign folder (checked before any work; nothing is written).
    public func run(basePath: String, adapterPath: String, writing output: Output) throws -> MitigationRecord {
        let base = try ModelCheckpoint(path: basePath)
        let adapter = try LoRAAdapter(path: adapterPath)
        let inputs =
            [basePath, adapterPath, adapter.configPath] + base.files.map(\.path) + adapter.files.map(\.path)
            + [base.configPath].compactMap { $0 }
        try InputOverlap.checkFolder(output.folder, inputs: inputs)
        let folder = StagedFolder(output.folder, marker: Self.outputMarker, markerHeader: Self.outputMarkerHeader)
        if case .foreign(let entries, let count) = try folder.contents(), !allowForeignOutput {
            throw OutputError.foreignFolder(
                path: folder.path, entries: entries, count: count, marker: Self.outputMarker)
        }
        let planner = RunPlanner(
            base: base, basePath: basePath, selection: try MatrixSelection(includeEmbeddings: true, includeHeads: true),
            rewrites: rewrites, overrides: [], partialMatch: .refuse)
        let plan = try planner.plan(.lora(adapter), id: "adapter", path: adapterPath)
        let baseNameOf = Self.baseNames(plan)
        var replaced: [String: Matrix] = [:]
        var modules: [ModuleMitigation] = []
        for module in adapter.modules {
            let (record, factors) = try mitigate(
                module, baseName: baseNameOf[module.module], base: base, adapter: adapter)
            modules.append(record)
            if let (newB, newA) = factors {
                replaced[module.bTensor] = newB
                replaced[module.aTensor] = newA
            }
        }
        let record = MitigationRecord(
            source: adapterPath, topK: mitigation.topK, epsilon: mitigation.epsilon, lambda: mitigation.lambda,
            modules: modules.sorted { $0.module < $1.module })
        try write(output, to: folder, base: base, adapter: adapter, plan: plan, factors: replaced, record: record)
        return record
    }

    /// The base weight each adapted module changes, by module name.
    static func baseNames(_ plan: RunPlan) -> [String: String] {
        var baseNameOf: [String: String] = [:]
        for (name, planned) in plan.matrices {
            switch planned.update {
            case .lowRank(_, let module), .fullRankMerge(_, let module): baseNameOf[module.module] = name
            default: break
            }
        }
        return baseNameOf
    }

    /// Mitigates one module against its base weight `baseName` (nil: the base has none, and the
    /// module is copied unchanged): its record and, when it changed, its new factors (B, A).
    func mitigate(
        _ module: LoRAModule, baseName: String?, base: ModelCheckpoint, adapter: LoRAAdapter
    ) throws -> (ModuleMitigation, (Matrix, Matrix)?) {
        guard let baseName else {
            let record = ModuleMitigation(
                module: module.module, baseName: nil, intruderIndices: [], singularValues: [],
                mitigatedSingularValues: [], intruderEnergyShare: 0)
            return (record, nil)
        }
        let stored = try base.matrix(baseName)
        let w0 = module.layerKind.storedTransposed ? stored.transposed() : stored
        let (a, b) = try adapter.factors(module)
        let decomposition = try baseCache.map { cache in
            let key = DecompositionCacheKey(
                analysed: w0, storedShape: stored.shape, storedDType: base.info(baseName)?.dtype.rawValue ?? "F32",
                transposed: module.layerKind.storedTransposed)
            return try cache.decomposition(key: key, name: baseName, source: w0) {
                try AnalysisError.mappingLinearAlgebra {
                    try SingularValueDecomposition.complete(of: w0, name: baseName)
                }
            }
        }
        let outcome = try mitigation.mitigate(
            base: w0, b: b, a: a, scale: module.scale, name: baseName, baseDecomposition: decomposition)
        var record = outcome.record
        record.module = module.module
        record.baseName = baseName
        return (record, outcome.factors)
    }

    /// Writes the mitigated adapter, or the merged model, through the staged `folder`.
    func write(
        _ output: Output, to folder: StagedFolder, base: ModelCheckpoint, adapter: LoRAAdapter, plan: RunPlan,
        factors replaced: [String: Matrix], record: MitigationRecord
    ) throws {
        switch output {
        case .adapter:
            let files: Set<String> = ["adapter_config.json", "adapter_model.safetensors", MitigationRecord.fileName]
            try folder.replace(allowForeign: allowForeignOutput) { staging in
                try write(adapter: adapter, replacing: replaced, record: record, into: staging)
                return files
            }
        case .merged:
            let copied = Self.copiedBaseFiles.filter {
                FileManager.default.fileExists(atPath: baseFolder(base).appending(path: $0).path)
            }
            let index = base.isPyTorch && base.files.count > 1 ? ["model.safetensors.index.json"] : []
            let files = Set(
                base.files.map { Self.mergedFileName($0.path) } + copied + index + [MitigationRecord.fileName])
            try folder.replace(allowForeign: allowForeignOutput) { staging in
                try writeMerged(
                    base: base, adapter: adapter, plan: plan, factors: replaced, record: record, into: staging)
                return files
            }
        }
    }

    /// The first line of ``outputMarker``.
    static let outputMarkerHeader =
        "# speclens mitigate: files written by speclens (any other file is kept when it writes here again)"

    /// Files beside a base's weights that a merged model copies as they are, when present.
    static let copiedBaseFiles = ["model.safetensors.index.json", "config.json", "generation_config.json"]

    /// The safetensors file a merged model writes for the base's data file `path`: the same name
    /// for safetensors, else `pytorch_model…​.bin` as `model…​.safetensors` (transformers' names).
    static func mergedFileName(_ path: String) -> String {
        let name = URL(fileURLWithPath: path).lastPathComponent
        guard !name.hasSuffix(".safetensors") else { return name }
        var stem = (name as NSString).deletingPathExtension
        if stem.hasPrefix("pytorch_model") { stem = "model" + stem.dropFirst("pytorch_model".count) }
        return stem + ".safetensors"
    }

    /// The folder holding the base's weights.
    private func baseFolder(_ base: ModelCheckpoint) -> URL {
        URL(fileURLWithPath: base.files.first?.path ?? base.path).deletingLastPathComponent()
    }

    /// The merged model (see ``Output/merged(_:)``).
    private func writeMerged(
        base: ModelCheckpoint, adapter: LoRAAdapter, plan: RunPlan, factors replaced: [String: Matrix],
        record: MitigationRecord, into output: String
    ) throws {
        var merged: [String: Matrix] = [:]
        for (name, planned) in plan.matrices {
            switch planned.update {
            case .lowRank(_, let module), .fullRankMerge(_, let module):
                let own = try adapter.factors(module)
                let factors = (a: replaced[module.aTensor] ?? own.a, b: replaced[module.bTensor] ?? own.b)
                merged[name] = try adapter.mergedWeight(module, base: try base.matrix(name), factors: factors)
            case .replacement(let source, let tensor, _, _):
                merged[name] = try source.matrix(tensor)
            case .unchanged, .sequence:
                break
            }
        }
        let folder = URL(fileURLWithPath: output)
        var weightMap: [String: String] = [:]
        for file in base.files {
            let tensors = base.tensors.filter { $0.file == file.path }
            for tensor in tensors { weightMap[tensor.name] = Self.mergedFileName(file.path) }
            let entries = try tensors.map { info -> SafetensorsWriter.Entry in
                guard let matrix = merged[info.name] else {
                    return SafetensorsWriter.Entry(
                        name: info.name, dtype: info.dtype, shape: info.shape, bytes: try base.rawBytes(info.name))
                }
                return SafetensorsWriter.Entry(
                    name: info.name, dtype: info.dtype, shape: info.shape,
                    bytes: try SafetensorsWriter.encode(matrix.values, as: info.dtype, file: output, tensor: info.name))
            }
            var metadata = base.metadata(ofFile: file.path)
            metadata["speclens_mitigation"] = summary(record)
            try SafetensorsWriter.write(
                entries: entries, metadata: metadata, to: folder.appending(path: Self.mergedFileName(file.path)).path)
        }
        if base.isPyTorch && base.files.count > 1 {
            try writeIndex(weightMap, to: folder.appending(path: "model.safetensors.index.json"))
        }
        // The index (sharded bases) and the config, copied as they are.
        for name in Self.copiedBaseFiles {
            let source = baseFolder(base).appending(path: name)
            guard FileManager.default.fileExists(atPath: source.path) else { continue }
            do {
                let target = folder.appending(path: name)
                try? FileManager.default.removeItem(at: target)
                try FileManager.default.copyItem(at: source, to: target)
            } catch {
                throw CheckpointError.writeFailed(file: output, reason: error.localizedDescription)
            }
        }
        do {
            try record.encoded().write(to: folder.appending(path: MitigationRecord.fileName), options: .atomic)
        } catch {
            throw CheckpointError.writeFailed(file: output, reason: error.localizedDescription)
        }
    }

    private func write(
        adapter: LoRAAdapter, replacing replaced: [String: Matrix], record: MitigationRecord, into output: String
    ) throws {
        let entries = try adapter.allTensors.map { info -> SafetensorsWriter.Entry in
            if let matrix = replaced[info.name] {
                return SafetensorsWriter.Entry(
                    name: info.name, dtype: info.dtype, shape: [matrix.rows, matrix.columns],
                    bytes: try SafetensorsWriter.encode(matrix.values, as: info.dtype, file: output, tensor: info.name))
            }
            return SafetensorsWriter.Entry(
                name: info.name, dtype: info.dtype, shape: info.shape, bytes: try adapter.rawBytes(info.name))
        }
        let folder = URL(fileURLWithPath: output)
        var metadata = adapter.fileMetadata
        metadata["speclens_mitigation"] = summary(record)
        try SafetensorsWriter.write(
            entries: entries, metadata: metadata, to: folder.appending(path: "adapter_model.safetensors").path)
        try writeConfig(
            from: adapter.configPath, note: summary(record), to: folder.appending(path: "adapter_config.json"))
        do {
            try record.encoded().write(to: folder.appending(path: MitigationRecord.fileName), options: .atomic)
        } catch {
            throw CheckpointError.writeFailed(file: output, reason: error.localizedDescription)
        }
    }

    /// A sharded safetensors index (`weight_map` only) for a merged model of a sharded PyTorch base.
    private func writeIndex(_ weightMap: [String: String], to url: URL) throws {
        do {
            let text = try JSONSerialization.data(
                withJSONObject: ["weight_map": weightMap],
                options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
            try (text + Data("\n".utf8)).write(to: url)
        } catch {
            throw CheckpointError.writeFailed(file: url.path, reason: error.localizedDescription)
        }
    }

    /// One sentence on what was done.
    func summary(_ record: MitigationRecord) -> String {
        let changed = record.modules.filter { !$0.intruderIndices.isEmpty }
        let count = changed.reduce(0) { $0 + $1.intruderIndices.count }
        return
            "speclens mitigate: \(count) intruder singular value(s) in \(changed.count) of \(record.modules.count) module(s) "
            + "scaled by lambda \(record.lambda) (top_k \(record.topK), epsilon \(record.epsilon), output space), then "
            + "re-factored at the adapter's rank; see \(MitigationRecord.fileName)"
    }

    /// The original config with one added key, `speclens_mitigation`, saying what was done
    /// (PEFT 0.21.2 loads such a config; checked by scripts/peft-mitigation).
    private func writeConfig(from path: String, note: String, to url: URL) throws {
        guard let data = FileManager.default.contents(atPath: path),
            var object = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any]
        else {
            throw CheckpointError.invalidAdapterConfig(file: path, reason: "it is not a JSON object")
        }
        object["speclens_mitigation"] = note
        do {
            let text = try JSONSerialization.data(
                withJSONObject: object, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
            try (text + Data("\n".utf8)).write(to: url, options: .atomic)
        } catch {
            throw CheckpointError.writeFailed(file: url.path, reason: error.localizedDescription)
        }
    }
}
