/// Errors reading or writing a dataset file.
public enum DatasetError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The file could not be read (path, underlying reason).
    case unreadable(path: String, reason: String)
    /// The file is not a speclens dataset or does not follow the schema (path, what is wrong).
    case malformed(path: String, reason: String)
    /// The file was written with a newer schema than this build understands.
    case unsupportedSchemaVersion(path: String, found: Int, supported: Int)
    /// The dataset could not be written (path, underlying reason).
    case unwritable(path: String, reason: String)
    /// Shards given to ``ShardMerge`` do not make one complete analysis: which parts, and what
    /// differs or is missing.
    case incompatibleShards(ShardConflict)
    /// A dataset given in memory (not read from a file) breaks a consistency rule of
    /// ``SpectralDataset/inconsistency``, e.g. repeats a run id (what is wrong). A dataset read
    /// from a file that breaks one is ``malformed(path:reason:)``.
    case inconsistent(reason: String)

    public var description: String {
        switch self {
        case .unreadable(let path, let reason):
            return "cannot read dataset \(path): \(reason)"
        case .malformed(let path, let reason):
            return "\(path) is not a valid speclens dataset: \(reason)."
        case .unsupportedSchemaVersion(let path, let found, let supported):
            return "\(path) uses dataset schema version \(found), but this speclens reads up to "
                + "version \(supported)."
        case .unwritable(let path, let reason):
            return "cannot write dataset \(path): \(reason)"
        case .incompatibleShards(let conflict):
            return "cannot merge these shards: \(conflict). Give every shard of one split analysis "
                + "(same checkpoints, options and speclens version), each once."
        case .inconsistent(let reason):
            return "the dataset is not a valid speclens dataset: \(reason)."
        }
    }
}
