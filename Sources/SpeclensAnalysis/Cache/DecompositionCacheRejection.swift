/// Why a base decomposition cache entry was not used. A rejected entry is never trusted: the
/// decomposition is computed again and the entry replaced.
public enum DecompositionCacheRejection: Error, Sendable, Equatable, CustomStringConvertible {
    /// Shorter than its header says (a partial write, a full disk, a truncated copy).
    case truncated
    /// Longer than its header says.
    case trailingBytes
    /// Not a speclens decomposition entry (its first bytes are not the magic number).
    case badMagic
    /// Written in another entry format version.
    case otherFormat(version: Int)
    /// The key stored inside differs from the key looked up (a renamed or colliding file).
    case otherKey
    /// The stored sizes, or the code of the side not stored, do not fit the matrix looked up.
    case wrongSize
    /// The payload's XXH64 differs from the one stored in the header (damaged bytes).
    case checksumMismatch
    /// The entry could not be read (the system's reason).
    case unreadable(reason: String)

    public var description: String {
        switch self {
        case .truncated: return "truncated"
        case .trailingBytes: return "longer than its header says"
        case .badMagic: return "not a speclens cache entry"
        case .otherFormat(let version):
            return "written in entry format \(version), not \(DecompositionCacheKey.formatVersion)"
        case .otherKey: return "holds another matrix's key"
        case .wrongSize: return "sizes do not fit the matrix"
        case .checksumMismatch: return "checksum mismatch (damaged bytes)"
        case .unreadable(let reason): return "unreadable: \(reason)"
        }
    }
}
