/// What a base decomposition cache folder holds (``DecompositionCache/contents()``).
public struct DecompositionCacheContents: Sendable, Equatable {
    /// Entries (files named like an entry; their validity is checked only when read).
    public let entries: Int
    /// Their total size in bytes.
    public let bytes: Int
    /// Temporary files of writes in progress or of writers that died (removed by clearing, and
    /// by eviction after an hour).
    public let temporaryFiles: Int

}
