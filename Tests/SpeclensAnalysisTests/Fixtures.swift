import Foundation
import Testing

/// The real fine-tunes of `../shared/fixtures/minilm` (or `$SPECLENS_FIXTURES/minilm`).
/// Tests that need them are skipped when the folder is missing, except under `CI=true`, where
/// `Fixtures.require()` records a failure instead.
enum Fixtures {
    /// The fixtures folder: `$SPECLENS_FIXTURES`, else `../shared/fixtures` beside the package.
    static let root: URL = {
        if let path = ProcessInfo.processInfo.environment["SPECLENS_FIXTURES"], !path.isEmpty {
            return URL(fileURLWithPath: path)
        }
        let package = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        return package.appending(path: "../shared/fixtures").standardizedFileURL
    }()

    static let minilm = root.appending(path: "minilm")

    static var available: Bool {
        FileManager.default.fileExists(atPath: minilm.appending(path: "reference.json").path)
    }

    static var required: Bool { ProcessInfo.processInfo.environment["CI"] == "true" }

    /// Trait: run when the fixtures exist, or always under CI (where their absence then fails).
    static var enabled: ConditionTrait {
        .enabled(if: available || required, "fixtures not found at \(minilm.path); set SPECLENS_FIXTURES")
    }

    /// Fails the test (under CI) when the fixtures are missing.
    static func require() throws {
        if !available {
            Issue.record("fixtures missing at \(minilm.path) (CI=true requires them)")
            throw CancellationError()
        }
    }
}
