import Foundation

/// A fine-tuned model: either a full checkpoint or a PEFT LoRA adapter over the base.
public enum FineTuneCheckpoint: Sendable {
    /// A full fine-tune: every weight saved.
    case full(ModelCheckpoint)
    /// A LoRA adapter: low-rank deltas (plus any `modules_to_save` replacements).
    case lora(LoRAAdapter)

    /// Opens `path` as a LoRA adapter if it is a folder holding `adapter_config.json`, else as a
    /// ``ModelCheckpoint``.
    /// - Throws: the errors of ``LoRAAdapter/init(path:)`` or ``ModelCheckpoint/init(path:)``.
    public static func open(path: String) throws -> FineTuneCheckpoint {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue,
            FileManager.default.fileExists(atPath: ModelCheckpoint.join(path, "adapter_config.json"))
        {
            return .lora(try LoRAAdapter(path: path))
        }
        return .full(try ModelCheckpoint(path: path))
    }

    /// Opens `path` as ``open(path:)`` does, or, when `adapterConfig` is given, as a LoRA adapter
    /// whose config is that file (`path` then is the adapter folder or its `.safetensors` file).
    /// - Throws: the errors of ``LoRAAdapter/init(path:configPath:)`` or ``ModelCheckpoint/init(path:)``.
    public static func open(path: String, adapterConfig: String?) throws -> FineTuneCheckpoint {
        guard let adapterConfig else { return try open(path: path) }
        return .lora(try LoRAAdapter(path: path, configPath: adapterConfig))
    }

    /// The path it was opened from.
    public var path: String {
        switch self {
        case .full(let checkpoint): return checkpoint.path
        case .lora(let adapter): return adapter.path
        }
    }

    /// The data files read, sorted by path.
    public var files: [CheckpointFile] {
        switch self {
        case .full(let checkpoint): return checkpoint.files
        case .lora(let adapter): return adapter.files
        }
    }
}
