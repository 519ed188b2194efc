import Foundation
import SpeclensDataset

/// One experiment of a multi-experiment site (`ExperimentSiteGenerator`): a dataset, the name it
/// is listed under and the bytes it was read from (their hash decides whether its report is
/// rendered again).
public struct ExperimentSource: Sendable {
    /// The name readers see and the experiment's folder is derived from (untrusted text: escaped
    /// where shown, slugged for the folder), e.g. the dataset file's stem or its folder's name.
    public let name: String
    /// Where the dataset was read from, as given (shown to readers, never used as a path).
    public let source: String
    /// The dataset.
    public let dataset: SpectralDataset
    /// The dataset file's bytes: written into the experiment's folder as `dataset.json` and
    /// hashed to tell whether it changed since the last build.
    public let bytes: Data
    /// For an experiment analysed from a manifest: the fingerprint of what its analysis depended
    /// on (see `ExperimentAnalysisKey` in SpeclensAnalysis), recorded in `experiments.json` so that
    /// the next build can reuse the dataset (``ExperimentSiteGenerator/reusableExperiment(name:source:folder:analysisKey:in:)``);
    /// nil for a dataset given as a file.
    public let analysisKey: String?

    public init(name: String, source: String, dataset: SpectralDataset, bytes: Data, analysisKey: String? = nil) {
        self.name = name
        self.source = source
        self.dataset = dataset
        self.bytes = bytes
        self.analysisKey = analysisKey
    }

    /// A source read from the dataset file at `path`, named `name`.
    /// - Throws: `DatasetError` for a file that is not a readable dataset.
    public static func read(path: String, name: String) throws -> ExperimentSource {
        guard let bytes = FileManager.default.contents(atPath: path) else {
            throw DatasetError.unreadable(path: path, reason: "no such file or not readable")
        }
        return ExperimentSource(
            name: name, source: path, dataset: try DatasetCoding.decode(bytes, path: path), bytes: bytes)
    }
}
