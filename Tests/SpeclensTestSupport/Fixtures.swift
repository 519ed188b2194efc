import Foundation
import Testing

/// The real checkpoint fixtures: the MiniLM fine-tunes of `../shared/fixtures/minilm` (or
/// `$SPECLENS_FIXTURES/minilm`) and the small PEFT reference adapters committed under
/// `Tests/SpeclensCheckpointsTests/PEFTReference`.
///
/// Tests needing the MiniLM fixtures are skipped when the folder is missing, except under
/// `CI=true`, where ``require()`` records a failure instead, so CI cannot pass silently without
/// its data.
public enum Fixtures {
    /// The package root (three levels above this file).
    static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The fixtures folder: `$SPECLENS_FIXTURES`, else `../shared/fixtures` beside the package.
    public static let root: URL = {
        if let path = ProcessInfo.processInfo.environment["SPECLENS_FIXTURES"], !path.isEmpty {
            return URL(fileURLWithPath: path)
        }
        return packageRoot.appending(path: "../shared/fixtures").standardizedFileURL
    }()

    /// The MiniLM fixtures folder.
    public static let minilm = root.appending(path: "minilm")

    /// A path inside `minilm/`, e.g. `minilm("base")`.
    public static func minilm(_ relative: String) -> String {
        minilm.appending(path: relative).path
    }

    /// The PEFT reference variants (`lora`, `dora`, …), each with `base/`, `adapter/` and
    /// `merged.safetensors` as PEFT wrote them.
    public static let peftReference = packageRoot.appending(path: "Tests/SpeclensCheckpointsTests/PEFTReference")

    /// Files written by `torch.save` (and hostile look-alikes), committed:
    /// `scripts/torch-fixtures/make_fixtures.py` made them.
    public static let torch = packageRoot.appending(path: "Tests/SpeclensCheckpointsTests/TorchFixtures")

    /// A path below ``torch``.
    public static func torch(_ relative: String) -> String {
        torch.appending(path: relative).path
    }

    /// Whether the MiniLM fixtures are present.
    public static var available: Bool {
        FileManager.default.fileExists(atPath: minilm.appending(path: "reference.json").path)
    }

    /// Whether this is a CI run (`CI=true`), where missing fixtures are a failure.
    public static var required: Bool { ProcessInfo.processInfo.environment["CI"] == "true" }

    /// Trait: run when the fixtures exist, or always under CI (where their absence then fails).
    public static var enabled: ConditionTrait {
        .enabled(if: available || required, "fixtures not found at \(minilm.path); set SPECLENS_FIXTURES")
    }

    /// Fails the test (under CI) when the fixtures are missing.
    public static func require(sourceLocation: SourceLocation = #_sourceLocation) throws {
        if !available {
            Issue.record(
                "MiniLM fixtures missing at \(minilm.path) (CI=true requires them)", sourceLocation: sourceLocation)
            throw CancellationError()
        }
    }
}
