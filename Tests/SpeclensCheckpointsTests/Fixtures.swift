import Foundation
import Testing

/// Where the real checkpoint fixtures live, and whether tests needing them run.
///
/// The folder is `$SPECLENS_FIXTURES`, or `../shared/fixtures` next to the package root (three
/// levels above this file). Without it, fixture tests are skipped locally; with `CI=true` they run
/// and fail by recording an issue, so CI cannot pass silently without its data.
enum Fixtures {
    /// The fixtures folder (may not exist).
    static let folder: String = {
        if let custom = ProcessInfo.processInfo.environment["SPECLENS_FIXTURES"], !custom.isEmpty {
            return custom
        }
        let packageRoot = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        return packageRoot.deletingLastPathComponent().appendingPathComponent("shared/fixtures").path
    }()

    /// Whether the MiniLM fixtures are present.
    static let available: Bool = FileManager.default.fileExists(atPath: minilm("base/model.safetensors"))

    /// Whether this is a CI run (`CI=true`), where missing fixtures are a failure.
    static let isCI: Bool = ProcessInfo.processInfo.environment["CI"] == "true"

    /// The condition for `.enabled(if:)`: run when the fixtures exist, and always on CI.
    static let shouldRun: Bool = available || isCI

    /// Message shown when fixture tests are skipped.
    static let skipMessage: Comment = "fixtures folder not found at \(folder) (set SPECLENS_FIXTURES)"

    /// A path inside `minilm/`.
    static func minilm(_ relative: String) -> String {
        (folder as NSString).appendingPathComponent("minilm/" + relative)
    }

    /// Records an issue and returns false when the fixtures are missing (only reached on CI).
    static func require(sourceLocation: SourceLocation = #_sourceLocation) -> Bool {
        if !available {
            Issue.record("MiniLM fixtures missing at \(folder) while CI=true", sourceLocation: sourceLocation)
        }
        return available
    }
}
