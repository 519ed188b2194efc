/// Something the base decomposition cache did that its user may want to know, reported as it
/// happens (``DecompositionCache/init(directory:maximumBytes:events:)``). Hits and misses are
/// only counted (``DecompositionCacheStatistics``).
public enum DecompositionCacheEvent: Sendable, Equatable {
    /// The entry `file` for `matrix` was not trusted (`reason`); the decomposition was computed
    /// again and the entry replaced.
    case rejected(file: String, matrix: String, reason: DecompositionCacheRejection)
    /// A new entry could not be written into `directory` (`reason`, e.g. no permission, a full
    /// disk). Reported once per cache; the analysis goes on, and later entries are not tried.
    case storeFailed(directory: String, reason: String)
    /// The decomposition of `matrix` (`bytes`) was not stored: it does not fit under the size cap
    /// (`maximumBytes`) beside the entries this process uses.
    case notStored(matrix: String, bytes: Int, maximumBytes: Int)
}
