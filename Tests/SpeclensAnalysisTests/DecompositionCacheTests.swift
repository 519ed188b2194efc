import Foundation
import SpeclensCheckpoints
import SpeclensDataset
import SpeclensTestSupport
import Synchronization
import Testing

@testable import SpeclensAnalysis
@testable import SpeclensLinearAlgebra

@Suite("The base decomposition cache: keys, damaged entries, concurrent writers, the size cap")
struct DecompositionCacheTests {
    /// A Gaussian `rows × columns` matrix fixed by `seed`.
    static func matrix(_ rows: Int, _ columns: Int, seed: UInt64 = 1) -> Matrix {
        var random = SeededRandom(seed: seed)
        return Matrix(rows: rows, columns: columns, values: random.gaussians(rows * columns))
    }

    static func key(_ matrix: Matrix, dtype: String = "F32", transposed: Bool = false) -> DecompositionCacheKey {
        DecompositionCacheKey(analysed: matrix, storedShape: matrix.shape, storedDType: dtype, transposed: transposed)
    }

    /// Collects a cache's events.
    final class Events: Sendable {
        let list = Mutex<[DecompositionCacheEvent]>([])
        var all: [DecompositionCacheEvent] { list.withLock { $0 } }
        func record(_ event: DecompositionCacheEvent) { list.withLock { $0.append(event) } }
    }

    /// Looks `matrix` up in `cache`, counting how often it had to be decomposed.
    static func lookUp(_ cache: DecompositionCache, _ matrix: Matrix, key: DecompositionCacheKey? = nil) throws
        -> (decomposition: SingularValueDecomposition, computed: Bool)
    {
        var computed = false
        let decomposition = try cache.decomposition(key: key ?? Self.key(matrix), name: "m", source: matrix) {
            computed = true
            return try SingularValueDecomposition(of: matrix, name: "m")
        }
        return (decomposition, computed)
    }

    /// Whether two decompositions hold the same bits.
    static func identical(_ a: SingularValueDecomposition, _ b: SingularValueDecomposition) -> Bool {
        func bits(_ values: [Float]) -> [UInt32] { values.map(\.bitPattern) }
        return bits(a.values) == bits(b.values) && bits(a.left.values) == bits(b.left.values)
            && bits(a.rightTransposed.values) == bits(b.rightTransposed.values)
            && a.left.shape == b.left.shape && a.rightTransposed.shape == b.rightTransposed.shape
    }

    // MARK: keys

    @Test(
        "The key changes with one changed value, the shape, the stored dtype, the orientation, the computation, the BLAS and the speclens version, and only then"
    )
    func keyChanges() {
        let m = Self.matrix(6, 4)
        let base = Self.key(m)
        #expect(Self.key(Self.matrix(6, 4)).fileName == base.fileName)
        var changed = m
        changed.values[5] = changed.values[5].nextUp
        #expect(Self.key(changed).fileName != base.fileName)
        let reshaped = Matrix(rows: 4, columns: 6, values: m.values)
        #expect(Self.key(reshaped).fileName != base.fileName)
        #expect(Self.key(m, dtype: "BF16").fileName != base.fileName)
        #expect(Self.key(m, transposed: true).fileName != base.fileName)
        let otherBLAS = DecompositionCacheKey(
            analysed: m, storedShape: m.shape, storedDType: "F32", transposed: false, blas: base.blasText + " (other)")
        #expect(otherBLAS.fileName != base.fileName)
        let otherVersion = DecompositionCacheKey(
            analysed: m, storedShape: m.shape, storedDType: "F32", transposed: false, speclensVersion: "999.0.0")
        #expect(otherVersion.fileName != base.fileName)
        #expect(base.text.contains("format: \(DecompositionCacheKey.formatVersion)"))
        #expect(base.text.contains("computation: \(DecompositionCacheKey.computation)"))
        #expect(DecompositionCacheKey.isEntryName(base.fileName))
    }

    // MARK: hits and misses

    @Test(
        "A stored decomposition reads back bit for bit; a second cache on the same folder (another process) hits without decomposing"
    )
    func roundTrip() throws {
        try TestFiles.withFolder { folder in
            let m = Self.matrix(9, 5)
            let first = try DecompositionCache(directory: folder)
            let (computed, wasComputed) = try Self.lookUp(first, m)
            #expect(wasComputed)
            #expect(first.statistics.misses == 1 && first.statistics.stored == 1 && first.statistics.hits == 0)
            let second = try DecompositionCache(directory: folder)
            let (read, readComputed) = try Self.lookUp(second, m)
            #expect(!readComputed)
            #expect(Self.identical(read, computed))
            #expect(Self.identical(read, try SingularValueDecomposition(of: m, name: "m")))
            #expect(
                second.statistics.hits == 1
                    && second.statistics.bytesRead == DecompositionCacheEntry.size(for: Self.key(m)))
            // Wide matrices too (p = rows).
            let wide = Self.matrix(3, 8, seed: 2)
            _ = try Self.lookUp(first, wide)
            let (wideRead, wideComputed) = try Self.lookUp(second, wide)
            #expect(try !wideComputed && Self.identical(wideRead, try SingularValueDecomposition(of: wide, name: "m")))
        }
    }

    // MARK: damaged entries

    /// Ways to damage an entry file.
    enum Damage: String, CaseIterable {
        case truncated, trailingBytes, flippedPayloadByte, flippedChecksumByte, wrongMagic, otherFormatVersion,
            wrongKeyInside, wrongSizeField, empty
    }

    @Test(
        "A damaged entry is rejected with its reason, decomposed again (the result is the exact decomposition) and replaced by a valid entry",
        arguments: Damage.allCases)
    func damagedEntry(_ damage: Damage) throws {
        try TestFiles.withFolder { folder in
            let m = Self.matrix(7, 5, seed: 3)
            let key = Self.key(m)
            _ = try Self.lookUp(try DecompositionCache(directory: folder), m)
            let path = folder + "/decompositions/" + key.fileName
            var bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
            let expected: DecompositionCacheRejection
            switch damage {
            case .truncated:
                bytes.removeLast(9)
                expected = .truncated
            case .trailingBytes:
                bytes += [0, 0, 0, 0]
                expected = .trailingBytes
            case .flippedPayloadByte:
                bytes[bytes.count - 3] ^= 0x10
                expected = .checksumMismatch
            case .flippedChecksumByte:
                bytes[52] ^= 0x01  // inside the XXH64 field (bytes 48–55)
                expected = .checksumMismatch
            case .wrongMagic:
                bytes[1] = UInt8(ascii: "X")
                expected = .badMagic
            case .otherFormatVersion:
                bytes[8] &+= 1
                expected = .otherFormat(version: DecompositionCacheKey.formatVersion + 1)
            case .wrongKeyInside:
                // Another matrix's complete, valid entry under this key's name.
                let other = Self.matrix(7, 5, seed: 4)
                let otherCache = try DecompositionCache(directory: folder + "/other")
                _ = try Self.lookUp(otherCache, other)
                bytes = [UInt8](
                    try Data(
                        contentsOf: URL(fileURLWithPath: folder + "/other/decompositions/" + Self.key(other).fileName)))
                expected = .otherKey
            case .wrongSizeField:
                bytes[16] &+= 1  // rows
                expected = .wrongSize
            case .empty:
                bytes = []
                expected = .truncated
            }
            try Data(bytes).write(to: URL(fileURLWithPath: path))

            let events = Events()
            let cache = try DecompositionCache(directory: folder, events: events.record)
            let (decomposition, computed) = try Self.lookUp(cache, m)
            #expect(computed)
            #expect(Self.identical(decomposition, try SingularValueDecomposition(of: m, name: "m")))
            #expect(events.all == [.rejected(file: path, matrix: "m", reason: expected)])
            #expect(cache.statistics.rejected == 1 && cache.statistics.misses == 1 && cache.statistics.stored == 1)
            // Replaced: the next reader hits.
            let (_, again) = try Self.lookUp(try DecompositionCache(directory: folder), m)
            #expect(!again)
        }
    }

    // MARK: concurrency

    @Test(
        "Eight writers of the same key at once (each its own cache, as separate processes) leave one valid entry and no temporary file"
    )
    func concurrentWriters() throws {
        try TestFiles.withFolder { folder in
            let m = Self.matrix(40, 30, seed: 5)
            let exact = try SingularValueDecomposition(of: m, name: "m")
            let failures = Mutex(0)
            DispatchQueue.concurrentPerform(iterations: 8) { _ in
                do {
                    let cache = try DecompositionCache(directory: folder)
                    // Every writer computes (no entry yet, or racing) and stores.
                    let decomposition = try cache.decomposition(key: Self.key(m), name: "m", source: m) { exact }
                    if !Self.identical(decomposition, exact) { failures.withLock { $0 += 1 } }
                } catch {
                    failures.withLock { $0 += 1 }
                }
            }
            #expect(failures.withLock { $0 } == 0)
            let reader = try DecompositionCache(directory: folder)
            let (read, computed) = try Self.lookUp(reader, m)
            #expect(!computed && Self.identical(read, exact))
            #expect(
                try reader.contents()
                    == DecompositionCacheContents(
                        entries: 1, bytes: DecompositionCacheEntry.size(for: Self.key(m)), temporaryFiles: 0))
        }
    }

    // MARK: size cap

    /// Sets an entry's modification time `secondsAgo` in the past.
    static func age(_ folder: String, _ key: DecompositionCacheKey, secondsAgo: TimeInterval) throws {
        try FileManager.default.setAttributes(
            [.modificationDate: Date().addingTimeInterval(-secondsAgo)],
            ofItemAtPath: folder + "/decompositions/" + key.fileName)
    }

    @Test("Over the cap, the least recently used entry goes first; a hit makes an entry recently used")
    func leastRecentlyUsedEviction() throws {
        try TestFiles.withFolder { folder in
            let (a, b, c) = (
                Self.matrix(10, 10, seed: 11), Self.matrix(10, 10, seed: 12), Self.matrix(10, 10, seed: 13)
            )
            let entry = DecompositionCacheEntry.size(for: Self.key(a))
            let cap = 2 * entry + entry / 2  // room for two entries
            _ = try Self.lookUp(try DecompositionCache(directory: folder, maximumBytes: cap), a)
            _ = try Self.lookUp(try DecompositionCache(directory: folder, maximumBytes: cap), b)
            try Self.age(folder, Self.key(a), secondsAgo: 200)
            try Self.age(folder, Self.key(b), secondsAgo: 100)
            // A third entry from a new process: the oldest (a) goes.
            let third = try DecompositionCache(directory: folder, maximumBytes: cap)
            _ = try Self.lookUp(third, c)
            #expect(third.statistics.evicted == 1 && third.statistics.bytesEvicted == entry)
            let names = try FileManager.default.contentsOfDirectory(atPath: folder + "/decompositions")
            #expect(Set(names) == [Self.key(b).fileName, Self.key(c).fileName])

            // Now b is older than c, but reading b makes it recent: storing a again evicts c.
            try Self.age(folder, Self.key(b), secondsAgo: 300)
            try Self.age(folder, Self.key(c), secondsAgo: 100)
            #expect(try Self.lookUp(try DecompositionCache(directory: folder, maximumBytes: cap), b).computed == false)
            _ = try Self.lookUp(try DecompositionCache(directory: folder, maximumBytes: cap), a)
            let after = try FileManager.default.contentsOfDirectory(atPath: folder + "/decompositions")
            #expect(Set(after) == [Self.key(a).fileName, Self.key(b).fileName])
        }
    }

    @Test(
        "Entries one process uses are not evicted for its own later entries: what does not fit is not stored, counted and reported"
    )
    func capFullOfOwnEntries() throws {
        try TestFiles.withFolder { folder in
            let matrices = (0..<3).map { Self.matrix(10, 10, seed: 20 + UInt64($0)) }
            let entry = DecompositionCacheEntry.size(for: Self.key(matrices[0]))
            let events = Events()
            let cache = try DecompositionCache(directory: folder, maximumBytes: 2 * entry, events: events.record)
            for m in matrices { _ = try Self.lookUp(cache, m) }
            #expect(cache.statistics.stored == 2 && cache.statistics.notStored == 1 && cache.statistics.evicted == 0)
            #expect(events.all == [.notStored(matrix: "m", bytes: entry, maximumBytes: 2 * entry)])
            // A second run against the same base hits the two stored entries and keeps them.
            let next = try DecompositionCache(directory: folder, maximumBytes: 2 * entry)
            let computed = try matrices.map { try Self.lookUp(next, $0).computed }
            #expect(computed == [false, false, true])
            #expect(try next.contents().entries == 2)
        }
    }

    @Test("A cap of 0 stores nothing and still gives the exact decomposition")
    func zeroCap() throws {
        try TestFiles.withFolder { folder in
            let m = Self.matrix(6, 6)
            let cache = try DecompositionCache(directory: folder, maximumBytes: 0)
            let (decomposition, computed) = try Self.lookUp(cache, m)
            #expect(try computed && Self.identical(decomposition, try SingularValueDecomposition(of: m, name: "m")))
            #expect(try cache.contents().entries == 0)
        }
    }

    // MARK: info and clear

    @Test(
        "contents counts entries, their bytes and temporary files; clear removes exactly those and leaves other files")
    func contentsAndClear() throws {
        try TestFiles.withFolder { folder in
            let cache = try DecompositionCache(directory: folder)
            #expect(try cache.contents() == DecompositionCacheContents(entries: 0, bytes: 0, temporaryFiles: 0))
            let matrices = [Self.matrix(5, 4, seed: 31), Self.matrix(8, 3, seed: 32)]
            for m in matrices { _ = try Self.lookUp(cache, m) }
            let bytes = matrices.reduce(0) { $0 + DecompositionCacheEntry.size(for: Self.key($1)) }
            try TestFiles.write("partial", folder + "/decompositions", ".\(Self.key(matrices[0]).fileName).1.x.tmp")
            try TestFiles.write("mine", folder + "/decompositions", "notes.txt")
            try TestFiles.write("mine", folder, "README")
            #expect(try cache.contents() == DecompositionCacheContents(entries: 2, bytes: bytes, temporaryFiles: 1))
            #expect(try cache.clear() == DecompositionCacheContents(entries: 2, bytes: bytes, temporaryFiles: 1))
            #expect(try cache.contents() == DecompositionCacheContents(entries: 0, bytes: 0, temporaryFiles: 0))
            #expect(try FileManager.default.contentsOfDirectory(atPath: folder + "/decompositions") == ["notes.txt"])
            #expect(FileManager.default.fileExists(atPath: folder + "/README"))
        }
    }

    // MARK: unusable folders

    @Test("A cache folder that cannot be created is a cacheUnusable error naming it")
    func uncreatableFolder() throws {
        try TestFiles.withFolder { folder in
            let file = try TestFiles.write("not a folder", folder, "file")
            #expect {
                try DecompositionCache(directory: file + "/cache")
            } throws: { error in
                guard case AnalysisError.cacheUnusable(let directory, _) = error else { return false }
                return directory == file + "/cache"
            }
        }
    }

    @Test(
        "When entries cannot be written, the decomposition is still exact, one storeFailed event is reported, and later entries are not tried"
    )
    func unwritableEntries() throws {
        try TestFiles.withFolder { folder in
            let events = Events()
            let cache = try DecompositionCache(directory: folder, events: events.record)
            // The entry folder replaced by a file: no write can succeed (also for root).
            try FileManager.default.removeItem(atPath: folder + "/decompositions")
            try TestFiles.write("in the way", folder, "decompositions")
            for seed in [41, 42] as [UInt64] {
                let m = Self.matrix(6, 5, seed: seed)
                let (decomposition, computed) = try Self.lookUp(cache, m)
                #expect(try computed && Self.identical(decomposition, try SingularValueDecomposition(of: m, name: "m")))
            }
            #expect(events.all.count == 1)
            guard case .storeFailed(let directory, _)? = events.all.first else {
                Issue.record("expected storeFailed, got \(events.all)")
                return
            }
            #expect(directory == folder)
            #expect(cache.statistics.stored == 0 && cache.statistics.misses == 2)
        }
    }

    @Test("The default folder is $XDG_CACHE_HOME/speclens when absolute, else ~/.cache/speclens")
    func defaultFolder() {
        #expect(
            DecompositionCache.defaultDirectory(environment: ["XDG_CACHE_HOME": "/x/cache", "HOME": "/home/u"])
                == "/x/cache/speclens")
        #expect(
            DecompositionCache.defaultDirectory(environment: ["XDG_CACHE_HOME": "relative", "HOME": "/home/u"])
                == "/home/u/.cache/speclens")
        #expect(DecompositionCache.defaultDirectory(environment: ["HOME": "/home/u"]) == "/home/u/.cache/speclens")
        #expect(DecompositionCache.defaultDirectory(environment: [:]) == nil)
    }

    // MARK: the analysis

    @Test(
        "The synthetic pair analysed with an empty cache, a warm cache and no cache gives byte-identical datasets; the warm run decomposes no base matrix"
    )
    func analysisIsByteIdentical() throws {
        try TestFiles.withFolder { folder in
            let models = URL(fileURLWithPath: folder).appending(path: "models")
            try SyntheticModelPair().write(to: models)
            let parameters = AnalysisParameters(probeMatrices: 2)
            func analyze(_ cache: DecompositionCache?) throws -> Data {
                var analyzer = try SpectralAnalyzer(parameters: parameters, workers: 2)
                analyzer.baseCache = cache
                let dataset = try OpenBLASRuntime.withThreads(1) {
                    try analyzer.analyze(
                        basePath: models.appending(path: "base").path,
                        tunedPaths: [models.appending(path: "full-ft").path, models.appending(path: "lora-r8").path])
                }
                return try DatasetCoding.encode(dataset)
            }
            let cold = try DecompositionCache(directory: folder + "/cache")
            let coldBytes = try analyze(cold)
            // The probe decomposes its 2 matrices first; their jobs then read them.
            #expect(cold.statistics.misses == 24 && cold.statistics.stored == 24 && cold.statistics.hits == 2)
            let warm = try DecompositionCache(directory: folder + "/cache")
            let warmBytes = try analyze(warm)
            // 24 jobs and the probe's 2 matrices, all read.
            #expect(warm.statistics.hits == 26 && warm.statistics.misses == 0)
            let uncached = try analyze(nil)
            #expect(coldBytes == warmBytes)
            #expect(coldBytes == uncached)
        }
    }

    @Test(
        "The BLAS part of a key is the same string when 8 threads ask for it at once, 50 times each (OpenBLAS 0.3.21's openblas_get_config appends to a shared buffer; read concurrently it doubled MAX_THREADS and changed keys between runs)"
    )
    func blasTextIsStableUnderConcurrency() {
        let expected = DecompositionCacheKey.blas(threads: 1)
        let seen = Mutex<Set<String>>([])
        DispatchQueue.concurrentPerform(iterations: 8) { _ in
            for _ in 0..<50 {
                let text = DecompositionCacheKey.blas(threads: 1)
                seen.withLock { _ = $0.insert(text) }
            }
        }
        #expect(seen.withLock { $0 } == [expected])
        #expect(expected.components(separatedBy: "MAX_THREADS=").count <= 2)
    }
}
