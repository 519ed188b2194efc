/// What a ``DecompositionCache`` did so far in this process: lookups that found a valid entry
/// (hits) and that computed the decomposition (misses), bytes read and written, entries rejected
/// as damaged, entries removed to stay under the size cap.
public struct DecompositionCacheStatistics: Sendable, Equatable {
    /// Decompositions read from valid entries.
    public var hits = 0
    /// Decompositions computed (no entry, or a rejected one).
    public var misses = 0
    /// Entries not trusted (each also a miss).
    public var rejected = 0
    /// Bytes of the entries read (hits).
    public var bytesRead = 0
    /// New entries written.
    public var stored = 0
    /// Bytes of the entries written.
    public var bytesWritten = 0
    /// Entries removed to stay under the cap (least recently used first).
    public var evicted = 0
    /// Bytes of the entries removed.
    public var bytesEvicted = 0
    /// Decompositions not stored because they did not fit under the cap beside the entries this
    /// process uses.
    public var notStored = 0

    init() {}

    /// Lookups in all: hits and misses.
    public var lookups: Int { hits + misses }
}
