import Foundation
import SpeclensCheckpoints
import SpeclensLinearAlgebra
import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// Base decompositions kept on disk between analyses, so that a new fine-tune analysed against a
/// base seen before costs only its own side.
///
/// Entries live in `directory/decompositions`, one file each, named by the SHA-256 of their key
/// (``DecompositionCacheKey``: content hash, shapes, dtype, orientation, computation, BLAS,
/// versions) and holding the float32 decomposition exactly as LAPACK returned it, so an analysis
/// that reads it is byte-identical to one that computes it. The layout and its checks are those
/// of ``DecompositionCacheEntry``: an entry that is truncated, damaged, of another format or of
/// another key is never trusted; the decomposition is computed again and the entry replaced.
///
/// Sharing: processes and machines may use one folder at the same time (shards of an analysis
/// on shared storage). Entries are written to a temporary file and renamed into place, so a
/// reader never sees a partial entry and concurrent writers of one key leave one complete entry.
///
/// Size: after each lookup that computes a decomposition, the least recently used entries (by
/// modification time, which a hit refreshes) are removed until the new entry fits under
/// ``maximumBytes``; entries this process has used are kept, and a new entry that does not fit
/// beside them is not stored (``DecompositionCacheEvent/notStored(matrix:bytes:maximumBytes:)``),
/// so a base larger than the cap stays cached in part instead of evicting itself. Other processes
/// writing at the same time can exceed the cap by their entries in flight.
///
/// Memory: one decomposition at a time, read straight into its arrays.
public final class DecompositionCache: Sendable {
    /// The default size cap: 50 GiB, which holds the decomposition of every matrix of a
    /// 7-billion-parameter base (LLaMA-2-7B: 39 GiB).
    public static let defaultMaximumBytes = 50 << 30

    /// Temporary files older than this are left over by writers that died, and removed.
    static let staleTemporarySeconds: TimeInterval = 3600

    /// The cache folder as given.
    public let directory: String
    /// The folder of the entries: `directory/decompositions`.
    let entryFolder: String
    /// The size cap in bytes.
    public let maximumBytes: Int
    private let events: (@Sendable (DecompositionCacheEvent) -> Void)?
    private let state = Mutex(State())

    private struct State {
        var statistics = DecompositionCacheStatistics()
        /// Entry file names this process read or wrote (kept by eviction).
        var used: Set<String> = []
        /// Set after a failed write: later entries are not tried.
        var storeFailed = false
    }

    /// Opens (creating if needed) the cache in `directory`.
    /// - Parameters:
    ///   - maximumBytes: the size cap (``defaultMaximumBytes``).
    ///   - events: receives what the cache reports while analysing (from any thread).
    /// - Throws: ``AnalysisError/cacheUnusable(directory:reason:)`` when the folder cannot be
    ///   created or is not a folder.
    public init(
        directory: String, maximumBytes: Int = DecompositionCache.defaultMaximumBytes,
        events: (@Sendable (DecompositionCacheEvent) -> Void)? = nil
    ) throws {
        guard maximumBytes >= 0 else {
            throw AnalysisError.invalidParameter(
                name: "cache size cap", value: "\(maximumBytes)", allowed: "must be 0 bytes or more")
        }
        self.directory = directory
        entryFolder = (directory as NSString).appendingPathComponent("decompositions")
        self.maximumBytes = maximumBytes
        self.events = events
        do {
            try FileManager.default.createDirectory(atPath: entryFolder, withIntermediateDirectories: true)
        } catch {
            throw AnalysisError.cacheUnusable(directory: directory, reason: Self.reason(error))
        }
    }

    /// The default cache folder: `$XDG_CACHE_HOME/speclens` when that is an absolute path, else
    /// `$HOME/.cache/speclens`; nil without either.
    public static func defaultDirectory(environment: [String: String] = ProcessInfo.processInfo.environment) -> String?
    {
        if let xdg = environment["XDG_CACHE_HOME"], xdg.hasPrefix("/") {
            return (xdg as NSString).appendingPathComponent("speclens")
        }
        if let home = environment["HOME"], !home.isEmpty {
            return (home as NSString).appendingPathComponent(".cache/speclens")
        }
        return nil
    }

    /// What this cache did so far.
    public var statistics: DecompositionCacheStatistics {
        state.withLock { $0.statistics }
    }

    /// The decomposition under `key`: read from a valid entry, else computed by `compute` and
    /// stored (replacing a rejected entry).
    /// - Parameters:
    ///   - name: the matrix, for events.
    ///   - source: the matrix decomposed (W0 in analysis orientation, whose content `key` names): an
    ///     entry that stores one side only derives the other from it.
    /// - Throws: only what `compute` throws; cache trouble is reported as events.
    public func decomposition(
        key: DecompositionCacheKey, name: String, source: Matrix, compute: () throws -> SingularValueDecomposition
    ) throws -> SingularValueDecomposition {
        let fileName = key.fileName
        let path = (entryFolder as NSString).appendingPathComponent(fileName)
        switch DecompositionCacheEntry.read(path, key: key, source: source) {
        case .success(let entry)?:
            state.withLock {
                $0.statistics.hits += 1
                $0.statistics.bytesRead += entry.bytes
                $0.used.insert(fileName)
            }
            return entry.decomposition
        case .failure(let reason)?:
            state.withLock { $0.statistics.rejected += 1 }
            events?(.rejected(file: path, matrix: name, reason: reason))
        case nil:
            break
        }
        let decomposition = try compute()
        state.withLock { $0.statistics.misses += 1 }
        store(decomposition, key: key, name: name)
        return decomposition
    }

    /// Writes an entry for `decomposition` after making room for it; failures become events.
    private func store(_ decomposition: SingularValueDecomposition, key: DecompositionCacheKey, name: String) {
        let size = DecompositionCacheEntry.size(of: decomposition, key: key)
        let fileName = key.fileName
        // Room is made under the lock, so this process's workers do not evict for each other.
        let fits = state.withLock { (state: inout State) -> Bool? in
            guard !state.storeFailed else { return nil }
            let evicted = makeRoom(for: size, replacing: fileName, keeping: state.used)
            state.statistics.evicted += evicted.entries
            state.statistics.bytesEvicted += evicted.bytes
            guard evicted.fits else {
                state.statistics.notStored += 1
                return false
            }
            state.used.insert(fileName)
            return true
        }
        guard let fits else { return }
        guard fits else {
            events?(.notStored(matrix: name, bytes: size, maximumBytes: maximumBytes))
            return
        }
        do {
            let written = try DecompositionCacheEntry.write(decomposition, key: key, into: entryFolder)
            state.withLock {
                $0.statistics.stored += 1
                $0.statistics.bytesWritten += written
            }
        } catch let failure as DecompositionCacheEntry.WriteFailure {
            let first = state.withLock { state in
                defer { state.storeFailed = true }
                return !state.storeFailed
            }
            if first { events?(.storeFailed(directory: directory, reason: failure.reason)) }
        } catch {
            // WriteFailure is the only error of writing.
        }
    }

    /// Removes least recently used entries (not in `keeping`, not `replacing`) until an entry of
    /// `size` bytes fits under the cap beside the rest; also removes stale temporary files.
    /// - Returns: whether it fits now, and the entries and bytes removed.
    private func makeRoom(for size: Int, replacing fileName: String, keeping: Set<String>)
        -> (fits: Bool, entries: Int, bytes: Int)
    {
        let listing = list()
        let now = Date()
        for temporary in listing.temporaries
        where now.timeIntervalSince(temporary.modified) > Self.staleTemporarySeconds {
            unlink(temporary.path)
        }
        let others = listing.entries.filter { $0.name != fileName }
        var total = others.reduce(0) { $0 + $1.bytes }
        var removed = (entries: 0, bytes: 0)
        let candidates = others.filter { !keeping.contains($0.name) }.sorted {
            ($0.modified, $0.name) < ($1.modified, $1.name)
        }
        for entry in candidates where total + size > maximumBytes {
            // Another process may have removed or replaced it already; either way it is gone.
            if unlink(entry.path) == 0 {
                removed.entries += 1
                removed.bytes += entry.bytes
            }
            total -= entry.bytes
        }
        return (total + size <= maximumBytes, removed.entries, removed.bytes)
    }

    /// One file of the entry folder.
    private struct FileItem {
        let name: String
        let path: String
        let bytes: Int
        let modified: Date
    }

    /// The entries and temporary files of the entry folder (files that vanish while listing are
    /// left out).
    private func list() -> (entries: [FileItem], temporaries: [FileItem]) {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: entryFolder)) ?? []
        var entries: [FileItem] = []
        var temporaries: [FileItem] = []
        for name in names {
            let isEntry = DecompositionCacheKey.isEntryName(name)
            let isTemporary = name.hasPrefix(".") && name.hasSuffix(".tmp")
            guard isEntry || isTemporary else { continue }
            let path = (entryFolder as NSString).appendingPathComponent(name)
            var status = stat()
            guard lstat(path, &status) == 0, (status.st_mode & S_IFMT) == S_IFREG else { continue }
            let modified = Date(
                timeIntervalSince1970: TimeInterval(status.st_mtim.tv_sec) + TimeInterval(status.st_mtim.tv_nsec) / 1e9)
            let item = FileItem(name: name, path: path, bytes: Int(status.st_size), modified: modified)
            if isEntry { entries.append(item) } else { temporaries.append(item) }
        }
        return (entries, temporaries)
    }

    /// What the cache folder holds now.
    /// - Throws: ``AnalysisError/cacheUnusable(directory:reason:)`` when it cannot be listed.
    public func contents() throws -> DecompositionCacheContents {
        try checkListable()
        let listing = list()
        return DecompositionCacheContents(
            entries: listing.entries.count, bytes: listing.entries.reduce(0) { $0 + $1.bytes },
            temporaryFiles: listing.temporaries.count)
    }

    /// Removes every entry and temporary file (nothing else: other files in the folder stay).
    /// - Returns: what was removed.
    /// - Throws: ``AnalysisError/cacheUnusable(directory:reason:)`` when the folder cannot be
    ///   listed or a file cannot be removed.
    @discardableResult
    public func clear() throws -> DecompositionCacheContents {
        try checkListable()
        let listing = list()
        var removed = (entries: 0, bytes: 0, temporaries: 0)
        for item in listing.entries + listing.temporaries {
            guard unlink(item.path) == 0 || errno == ENOENT else {
                throw AnalysisError.cacheUnusable(
                    directory: directory,
                    reason: "cannot remove \(item.path): \(DecompositionCacheEntry.systemReason())")
            }
            if DecompositionCacheKey.isEntryName(item.name) {
                removed.entries += 1
                removed.bytes += item.bytes
            } else {
                removed.temporaries += 1
            }
        }
        return DecompositionCacheContents(
            entries: removed.entries, bytes: removed.bytes, temporaryFiles: removed.temporaries)
    }

    private func checkListable() throws {
        do {
            _ = try FileManager.default.contentsOfDirectory(atPath: entryFolder)
        } catch {
            throw AnalysisError.cacheUnusable(directory: directory, reason: Self.reason(error))
        }
    }

    /// The system's reason behind a Foundation file error, without Foundation's wording.
    private static func reason(_ error: any Error) -> String {
        let nsError = error as NSError
        if let underlying = nsError.userInfo[NSUnderlyingErrorKey] as? NSError, underlying.domain == NSPOSIXErrorDomain
        {
            return String(cString: strerror(Int32(underlying.code)))
        }
        return nsError.localizedDescription
    }
}
