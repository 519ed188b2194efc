import Foundation

/// A model checkpoint made of one or more safetensors files or PyTorch checkpoint files.
///
/// Accepted forms of `path`: a `.safetensors` file or a PyTorch `.bin`/`.pt`/`.pth` file
/// (``PyTorchFile``: read without running its pickle); a folder holding one of
/// ``recognisedFileNames`` (the first present is read: safetensors wins over PyTorch, and the
/// PyTorch files left unread are listed in ``unreadFiles``); a sharded index
/// (`model.safetensors.index.json` or `pytorch_model.bin.index.json`, whose `weight_map` maps each
/// tensor to a shard file relative to the index) or such an index file itself. Symlinked files
/// (Hugging Face cache snapshots) are followed.
/// Quantised checkpoints (GPTQ/AWQ/bitsandbytes tensors, or a `quantization_config` in the
/// `config.json` beside the weights) are refused with one ``CheckpointError/quantizedCheckpoint(path:evidence:)``.
public final class ModelCheckpoint: Sendable {
    /// File names a checkpoint folder is searched for, in order of preference.
    public static let recognisedFileNames = [
        "model.safetensors.index.json", "model.safetensors", "pytorch_model.bin.index.json", "pytorch_model.bin",
    ]

    /// The path given to ``init(path:)``.
    public let path: String
    /// The data files read, sorted by path (the index file itself is not listed).
    public let files: [CheckpointFile]
    /// Recognised files in the checkpoint folder that were not read because a preferred one
    /// (safetensors over PyTorch) was present, as file names; empty for a file given directly.
    public let unreadFiles: [String]
    /// All tensors of all files, sorted by name.
    public let tensors: [TensorInfo]
    /// The `config.json` beside the weights (in the folder, or beside the file or index given), or
    /// nil without a readable one.
    public let config: ModelConfig?
    /// `model_type` from ``config``, e.g. "gpt2", "llama"; nil without a readable config or key.
    public var modelType: String? { config?.modelType }
    /// The `config.json` that was read, if any.
    public var configPath: String? { config?.path }

    private let shards: [String: any TensorFile]
    private let indexByName: [String: Int]

    /// Opens the checkpoint at `path` (see the type description for the accepted forms).
    /// - Throws: ``CheckpointError``: `fileUnreadable` for a missing path,
    ///   `noCheckpointFound` (listing what was looked for), `invalidIndex` for sharded-index
    ///   problems (bad JSON, a shard path that is absolute or contains `..`, a missing shard, a
    ///   listed tensor absent from its shard), `duplicateTensor`, any safetensors validation
    ///   error, or the errors of ``PyTorchFile/init(path:)``.
    public init(path: String) throws {
        self.path = path
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw CheckpointError.fileUnreadable(file: path, reason: "no such file or folder")
        }
        var opened: [any TensorFile]
        var indexFile: String?
        var weightMap: [String: String] = [:]
        var chosen = path
        var unread: [String] = []
        if isDirectory.boolValue {
            let present = ModelCheckpoint.recognisedFileNames.filter {
                FileManager.default.fileExists(atPath: ModelCheckpoint.join(path, $0))
            }
            guard let first = present.first else {
                throw CheckpointError.noCheckpointFound(path: path, lookedFor: ModelCheckpoint.recognisedFileNames)
            }
            chosen = ModelCheckpoint.join(path, first)
            unread = present.filter { TensorFiles.isPyTorch($0) || $0.hasSuffix(".bin.index.json") }.filter {
                $0 != first
            }
            if first.hasSuffix(".safetensors.index.json") && present.contains("model.safetensors") {
                unread.insert("model.safetensors", at: 0)
            }
        }
        if chosen.hasSuffix(".index.json") {
            indexFile = chosen
            (opened, weightMap) = try ModelCheckpoint.openSharded(index: chosen)
        } else {
            opened = [try TensorFiles.open(chosen)]
        }
        self.unreadFiles = unread
        opened.sort { $0.path < $1.path }

        var all: [TensorInfo] = []
        var owner: [String: String] = [:]
        for file in opened {
            for tensor in file.tensors {
                if let first = owner[tensor.name] {
                    throw CheckpointError.duplicateTensor(tensor: tensor.name, firstFile: first, secondFile: file.path)
                }
                owner[tensor.name] = file.path
                all.append(tensor)
            }
        }
        if let indexFile {
            for (tensor, shard) in weightMap.sorted(by: { $0.key < $1.key }) {
                let expected = ModelCheckpoint.join((indexFile as NSString).deletingLastPathComponent, shard)
                guard owner[tensor] == expected else {
                    throw CheckpointError.invalidIndex(
                        file: indexFile,
                        reason: "tensor \"\(tensor)\" is listed in shard \"\(shard)\" but that shard does not hold it")
                }
            }
        }
        all.sort { $0.name < $1.name }
        if let evidence = ModelCheckpoint.quantisationEvidence(all) {
            throw CheckpointError.quantizedCheckpoint(path: path, evidence: evidence)
        }
        let folder = isDirectory.boolValue ? path : (path as NSString).deletingLastPathComponent
        let configPath = ModelCheckpoint.join(folder, "config.json")
        if let data = FileManager.default.contents(atPath: configPath),
            let object = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any]
        {
            self.config = ModelConfig(path: configPath, object: object)
            if let quantisation = object["quantization_config"], !(quantisation is NSNull) {
                let method = (quantisation as? [String: Any])?["quant_method"] as? String
                throw CheckpointError.quantizedCheckpoint(
                    path: path,
                    evidence:
                        "\(configPath) has a quantization_config\(method.map { " (quant_method \"\($0)\")" } ?? "")")
            }
        } else {
            self.config = nil
        }
        self.tensors = all
        self.files = opened.map { CheckpointFile(path: $0.path, bytes: $0.byteCount) }
        var byPath: [String: any TensorFile] = [:]
        for file in opened { byPath[file.path] = file }
        self.shards = byPath
        var index: [String: Int] = [:]
        for (i, tensor) in all.enumerated() { index[tensor.name] = i }
        self.indexByName = index
    }

    /// The tensor named `name`, or nil.
    public func info(_ name: String) -> TensorInfo? {
        indexByName[name].map { tensors[$0] }
    }

    /// Reads the 2-D tensor `name` as a float32 row-major matrix (see ``SafetensorsFile/matrix(_:)``).
    /// - Throws: ``CheckpointError/tensorNotFound(file:tensor:)`` naming the checkpoint, or the
    ///   errors of ``SafetensorsFile/matrix(_:)``.
    public func matrix(_ name: String) throws -> Matrix {
        guard let info = info(name), let file = shards[info.file] else {
            throw CheckpointError.tensorNotFound(file: path, tensor: name)
        }
        return try file.matrix(name)
    }

    /// 64 bits of the SHA-256 of tensor `name`'s dtype, shape and stored values.
    /// - Throws: ``CheckpointError/tensorNotFound(file:tensor:)``.
    public func contentHash(_ name: String) throws -> UInt64 {
        guard let info = info(name), let file = shards[info.file] else {
            throw CheckpointError.tensorNotFound(file: path, tensor: name)
        }
        return try file.contentHash(name)
    }

    /// Whether the data files are PyTorch checkpoints rather than safetensors.
    public var isPyTorch: Bool { files.contains { TensorFiles.isPyTorch($0.path) } }

    /// The stored bytes of tensor `name` (any dtype), to copy it unchanged.
    /// - Throws: ``CheckpointError/tensorNotFound(file:tensor:)``.
    public func rawBytes(_ name: String) throws -> Data {
        guard let info = info(name), let file = shards[info.file] else {
            throw CheckpointError.tensorNotFound(file: path, tensor: name)
        }
        return try file.rawBytes(name)
    }

    /// The `__metadata__` strings of the data file `file` (a path from ``files``); empty for an
    /// unknown file.
    public func metadata(ofFile file: String) -> [String: String] {
        shards[file]?.metadata ?? [:]
    }

    /// Tensor-name suffixes of quantised checkpoints: GPTQ/AWQ (`qweight`, `qzeros`, `g_idx`),
    /// bitsandbytes 4-bit (`absmax`, `nested_absmax`, `quant_map`, `quant_state…`) and 8-bit (`SCB`, `weight_format`).
    static let quantisationComponents: Set<String> = [
        "qweight", "qzeros", "g_idx", "absmax", "nested_absmax",
        "quant_map", "nested_quant_map", "SCB", "weight_format",
    ]

    /// A description of the quantisation tensors in `tensors`, or nil if there are none.
    static func quantisationEvidence(_ tensors: [TensorInfo]) -> String? {
        let found = tensors.filter { tensor in
            let components = tensor.name.split(separator: ".").map(String.init)
            guard let last = components.last else { return false }
            return quantisationComponents.contains(last) || components.contains { $0.hasPrefix("quant_state") }
        }
        guard let first = found.first else { return nil }
        let more = found.count > 1 ? " and \(found.count - 1) more such tensor(s)" : ""
        return
            "tensor \"\(first.name)\" (\(first.dtype.rawValue))\(more) hold quantised weights or their quantisation state"
    }

    /// `folder` joined with the relative path `name`, without resolving symlinks.
    static func join(_ folder: String, _ name: String) -> String {
        folder.isEmpty ? name : (folder as NSString).appendingPathComponent(name)
    }

    /// Reads a sharded index and opens each shard it names once.
    private static func openSharded(index: String) throws -> ([any TensorFile], [String: String]) {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: index))
        } catch {
            throw CheckpointError.fileUnreadable(file: index, reason: error.localizedDescription)
        }
        guard let object = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any] else {
            throw CheckpointError.invalidIndex(file: index, reason: "the file is not a JSON object")
        }
        guard let rawMap = object["weight_map"] as? [String: Any] else {
            throw CheckpointError.invalidIndex(file: index, reason: "it has no \"weight_map\" object")
        }
        var weightMap: [String: String] = [:]
        for (tensor, value) in rawMap {
            guard let shard = value as? String else {
                throw CheckpointError.invalidIndex(
                    file: index, reason: "the shard of tensor \"\(tensor)\" is not a string")
            }
            let components =
                shard.split(separator: "/", omittingEmptySubsequences: false)
                + shard.split(separator: "\\", omittingEmptySubsequences: false)
            guard !shard.isEmpty, !shard.hasPrefix("/"), !shard.hasPrefix("\\"), !shard.hasPrefix("~"),
                !components.contains("..")
            else {
                throw CheckpointError.invalidIndex(
                    file: index,
                    reason:
                        "shard path \"\(shard)\" (tensor \"\(tensor)\") is absolute or leaves the checkpoint folder; shard files must be named relative to the index, inside its folder"
                )
            }
            weightMap[tensor] = shard
        }
        guard !weightMap.isEmpty else {
            throw CheckpointError.invalidIndex(file: index, reason: "its \"weight_map\" is empty")
        }
        let folder = (index as NSString).deletingLastPathComponent
        var opened: [any TensorFile] = []
        for shard in Set(weightMap.values).sorted() {
            let shardPath = join(folder, shard)
            guard FileManager.default.fileExists(atPath: shardPath) else {
                throw CheckpointError.invalidIndex(
                    file: index, reason: "shard \"\(shard)\" is missing (expected at \(shardPath))")
            }
            opened.append(try TensorFiles.open(shardPath))
        }
        return (opened, weightMap)
    }
}
