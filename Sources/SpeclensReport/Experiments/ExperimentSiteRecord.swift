import Foundation
import SpeclensDataset

/// The build record of a multi-experiment site, written into it as `experiments.json`: which
/// experiment folder was rendered from which input, with which speclens and which options. The
/// next build renders again only the experiments whose entry differs.
struct ExperimentSiteRecord: Codable, Equatable {
    /// The record's file name in the site folder.
    static let fileName = "experiments.json"

    /// One experiment's entry.
    struct Entry: Codable, Equatable {
        /// The experiment's folder (a slug).
        var folder: String
        /// The name it is listed under (as given).
        var name: String
        /// Where its dataset was read from (text, not a trusted path).
        var source: String
        /// `ContentHash` of the dataset file's bytes.
        var inputHash: String
        /// For an experiment analysed from a manifest: what the analysis depended on
        /// (`ExperimentSource.analysisKey`); absent for datasets given as files.
        var analysisKey: String? = nil

        enum CodingKeys: String, CodingKey {
            case folder, name, source
            case inputHash = "input_hash"
            case analysisKey = "analysis_key"
        }
    }

    /// The version of speclens that rendered the reports.
    var speclensVersion: String
    /// `ContentHash` of the rendering options and templates (see `ExperimentSiteGenerator`).
    var optionsHash: String
    /// The experiments, in the order listed.
    var experiments: [Entry]

    enum CodingKeys: String, CodingKey {
        case experiments
        case speclensVersion = "speclens_version"
        case optionsHash = "options_hash"
    }

    /// The record's bytes: deterministic JSON (sorted keys, final newline).
    func encoded() throws -> Data {
        try DatasetCoding.deterministicJSON(self)
    }

    /// The record of the site at `folder`, if it has a readable one (nil otherwise: then
    /// everything is rendered).
    static func read(in folder: String) -> ExperimentSiteRecord? {
        guard let data = FileManager.default.contents(atPath: folder + "/" + fileName) else { return nil }
        return try? JSONDecoder().decode(ExperimentSiteRecord.self, from: data)
    }
}
