import Foundation

/// Names derived from checkpoint paths.
public enum CheckpointPath {
    /// A short name for the checkpoint at `path`: the folder name for a folder, and for a
    /// `.safetensors` file its stem, or its folder's name when the file has PEFT's or
    /// transformers' standard name (`model.safetensors`, `adapter_model.safetensors`).
    /// Examples: `runs/lora-r8/` → `lora-r8`; `runs/lora-r8/adapter_model.safetensors` → `lora-r8`;
    /// `merged.safetensors` → `merged`. Empty for `/`.
    public static func displayName(_ path: String) -> String {
        let url = URL(fileURLWithPath: path).standardizedFileURL
        let last = url.lastPathComponent
        guard last.hasSuffix(".safetensors") else { return last == "/" ? "" : last }
        if standardFileNames.contains(last) { return url.deletingLastPathComponent().lastPathComponent }
        return String(last.dropLast(".safetensors".count))
    }

    /// File names that say nothing about the checkpoint beyond its folder.
    static let standardFileNames: Set<String> = ["model.safetensors", "adapter_model.safetensors"]
}
