import SpeclensCheckpoints

/// Why a fine-tune is judged to be the base itself, which makes the comparison meaningless.
public enum SameAsBase: Sendable, Equatable {
    /// Its data files are the base's files: the same paths once symbolic links are resolved.
    case sameFiles
    /// Its data files are byte for byte the base's (a copy).
    case identicalBytes
    /// Every analysed matrix has ΔW = 0 (found after the analysis; `analysed` matrices).
    case noMatrixChanged(analysed: Int)

    /// The evidence, in words.
    public var text: String {
        switch self {
        case .sameFiles:
            return "its files are the base's own files (the same paths once links are resolved)"
        case .identicalBytes:
            return "its files are byte for byte the base's files"
        case .noMatrixChanged(let analysed):
            return "all \(analysed) analysed matrices are identical to the base's (ΔW = 0 everywhere in the selection)"
        }
    }

    /// Whether the full checkpoint `run` is made of the base's files: the same number of files,
    /// and either the same resolved paths or, pairing the files in path order, the same sizes
    /// and identical bytes. Files of different sizes are never read.
    /// - Throws: ``CheckpointError/fileUnreadable(file:reason:)`` when a file cannot be compared.
    static func evidence(base: [CheckpointFile], run: [CheckpointFile]) throws -> SameAsBase? {
        guard base.count == run.count, !base.isEmpty else { return nil }
        if Set(base.map(\.resolvedPath)) == Set(run.map(\.resolvedPath)) { return .sameFiles }
        let pairs = zip(base.sorted { $0.path < $1.path }, run.sorted { $0.path < $1.path })
        guard pairs.allSatisfy({ $0.bytes == $1.bytes }) else { return nil }
        for (a, b) in pairs {
            if try !a.hasIdenticalBytes(to: b) { return nil }
        }
        return .identicalBytes
    }
}
