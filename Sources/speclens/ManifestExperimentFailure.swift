import SpeclensAnalysis

/// An experiment manifest given to `speclens site` whose analysis failed: the manifest, then the
/// library's error (which names the checkpoint, tensor or line). Errors of the manifest itself
/// already name it and are not wrapped.
struct ManifestExperimentFailure: Error, CustomStringConvertible {
    /// The manifest, as found from the arguments.
    let manifest: String
    /// What went wrong while analysing it.
    let underlying: any Error

    var description: String { "experiment manifest \(manifest): \(underlying)" }

    /// Runs `body`, naming `manifest` in the errors it throws (but an interruption, or an error of
    /// the manifest, which names it already).
    static func naming<T>(_ manifest: String, _ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as AnalysisError {
            switch error {
            case .interrupted, .invalidManifest: throw error
            default: throw ManifestExperimentFailure(manifest: manifest, underlying: error)
            }
        } catch {
            throw ManifestExperimentFailure(manifest: manifest, underlying: error)
        }
    }
}
