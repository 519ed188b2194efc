import Foundation
import SpeclensCheckpoints

/// Opens a folder holding the fuzzed `model.safetensors.index.json` beside two small valid shards
/// (`model-00001-of-00002.safetensors`, `model-00002-of-00002.safetensors`) and a `config.json`,
/// through `ModelCheckpoint(path:)` (folder and index file) and `FineTuneCheckpoint.open(path:)`,
/// then reads every tensor. Thrown errors are expected; only crashes, sanitizer findings, hangs and
/// huge allocations are findings.
enum ShardedIndexTarget {
    /// The tensors of the two shards: the weight map of a valid index.
    static let shards: [String: [(name: String, matrix: Matrix)]] = [
        "model-00001-of-00002.safetensors": [
            ("model.layers.0.self_attn.q_proj.weight", Matrix(rows: 3, columns: 2, values: [1, 2, 3, 4, 5, 6])),
            ("model.layers.0.self_attn.v_proj.weight", Matrix(rows: 2, columns: 2, values: [0.5, -1, 2, 0])),
        ],
        "model-00002-of-00002.safetensors": [
            ("model.layers.1.mlp.down_proj.weight", Matrix(rows: 2, columns: 3, values: [1, 0, 0, 0, 1, 0])),
            ("lm_head.weight", Matrix(rows: 1, columns: 2, values: [0.25, 4])),
        ],
    ]

    /// A private scratch checkpoint folder for this process, removed at exit.
    static let folder: String = {
        let root = FileManager.default.isWritableFile(atPath: "/dev/shm") ? "/dev/shm" : NSTemporaryDirectory()
        let path = (root as NSString).appendingPathComponent("speclens-fuzz-index-\(getpid())")
        do {
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
            for (shard, tensors) in shards {
                try SafetensorsWriter.write(
                    tensors, metadata: ["format": "pt"],
                    to: (path as NSString).appendingPathComponent(shard),
                    dtype: shard.hasPrefix("model-00001") ? .F32 : .BF16)
            }
            try Data(#"{"model_type": "llama"}"#.utf8).write(
                to: URL(fileURLWithPath: (path as NSString).appendingPathComponent("config.json")))
        } catch {
            fatalError("cannot prepare the scratch checkpoint \(path): \(error)")
        }
        atexit { try? FileManager.default.removeItem(atPath: ShardedIndexTarget.folder) }
        return path
    }()

    static func run(_ data: Data) {
        let index = (folder as NSString).appendingPathComponent("model.safetensors.index.json")
        guard (try? data.write(to: URL(fileURLWithPath: index))) != nil else {
            fatalError("cannot write the scratch file \(index)")
        }
        for path in [folder, index] {
            guard let checkpoint = try? ModelCheckpoint(path: path) else { continue }
            for tensor in checkpoint.tensors {
                _ = try? checkpoint.matrix(tensor.name)
            }
        }
        if case .full(let checkpoint)? = try? FineTuneCheckpoint.open(path: folder) {
            precondition(checkpoint.files.count <= shards.count + 2, "more files than the folder holds")
        }
    }
}
