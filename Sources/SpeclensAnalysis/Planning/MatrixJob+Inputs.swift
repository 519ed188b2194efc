import SpeclensCheckpoints

extension MatrixJob {
    /// What identifies the job's inputs by content: XXH64 over the content hashes
    /// (``MatrixSource/contentHash(_:)``) of every tensor the job reads — the base matrix, then
    /// for each run in order its replacement tensor or its LoRA factors and DoRA magnitudes —
    /// each with its name. A journaled result is reused only while this is unchanged, so an
    /// input changed in place invalidates exactly the jobs that read it.
    func inputFingerprint() throws -> UInt64 {
        var hashes: [(String, UInt64)] = [(name, try base.contentHash(name))]
        for run in runs {
            try run.matrix.update.appendContentHashes(to: &hashes)
            if let previous = run.matrix.previousStep {
                try previous.previous.appendContentHashes(to: &hashes)
                try previous.step.appendContentHashes(to: &hashes)
            }
        }
        var hasher = XXHash64()
        for (tensor, hash) in hashes {
            var line = "\(tensor)=\(hash);"
            line.withUTF8 { hasher.update(UnsafeRawBufferPointer($0)) }
        }
        return hasher.finalize()
    }
}

extension MatrixUpdate {
    /// Appends the name and content hash of each tensor the update reads.
    func appendContentHashes(to hashes: inout [(String, UInt64)]) throws {
        switch self {
        case .unchanged:
            return
        case .replacement(let source, let tensor, _, _):
            hashes.append((tensor, try source.contentHash(tensor)))
        case .lowRank(let adapter, let module), .fullRankMerge(let adapter, let module):
            for tensor in [module.aTensor, module.bTensor] + [module.magnitudeTensor].compactMap({ $0 }) {
                hashes.append((tensor, try adapter.contentHash(tensor)))
            }
        case .sequence(let updates):
            for update in updates { try update.appendContentHashes(to: &hashes) }
        }
    }
}
