import ArgumentParser
import Foundation
import SpeclensAnalysis

/// The base decomposition cache of the commands that decompose base matrices (`analyze`, `report`,
/// `site`, `demo`, `mitigate`): its folder (shared with `cache info|clear`), `--no-cache` and its cap.
struct CacheOptions: ParsableArguments {
    @OptionGroup var location: CacheLocation

    @Flag(help: "Neither read nor write the base decomposition cache.")
    var noCache = false

    @OptionGroup var cap: CacheCap

    func validate() throws {
        if noCache, location.cache != nil { throw ValidationError("give either --cache DIR or --no-cache, not both") }
    }

    /// The cache for an analysis; nil with `--no-cache`, and nil after a warning when the folder
    /// cannot be used (the analysis then goes on without it). Events become warnings on stderr.
    func open() -> DecompositionCache? {
        guard !noCache else { return nil }
        guard let directory = location.directory else {
            Pipeline.say(
                "note: no cache folder (neither XDG_CACHE_HOME nor HOME is set); analysing without the cache (give --cache DIR)"
            )
            return nil
        }
        do {
            return try DecompositionCache(directory: directory, maximumBytes: cap.maxCacheSize.bytes, events: Self.warn)
        } catch {
            Pipeline.say("warning: \(error); analysing without the cache (give another --cache DIR, or --no-cache)")
            return nil
        }
    }

    /// Shows a cache event on stderr (entries that do not fit are counted in the summary).
    static func warn(_ event: DecompositionCacheEvent) {
        switch event {
        case .rejected(let file, let matrix, let reason):
            Pipeline.say(
                "warning: the cache entry \(file) for \(matrix) is not used (\(reason)); decomposed again and replaced")
        case .storeFailed(let directory, let reason):
            Pipeline.say(
                "warning: cannot store base decompositions in the cache \(directory): \(reason); going on without storing"
            )
        case .notStored:
            break
        }
    }

    /// One line on what `cache` did, e.g. `cache ~/.cache/speclens: 24 of 24 base
    /// decompositions read (98 MiB), 0 computed`; nil when it was not asked anything.
    static func summary(_ cache: DecompositionCache) -> String? {
        let s = cache.statistics
        guard s.lookups > 0 else { return nil }
        var text = "cache \(cache.directory): \(s.hits) of \(s.lookups) base decompositions read"
        if s.hits > 0 { text += " (\(ByteSizeOption.text(s.bytesRead)))" }
        text += ", \(s.misses) computed"
        if s.stored > 0 { text += ", \(s.stored) stored (\(ByteSizeOption.text(s.bytesWritten)))" }
        if s.rejected > 0 { text += ", \(s.rejected) damaged or stale entr\(s.rejected == 1 ? "y" : "ies") replaced" }
        if s.evicted > 0 {
            text += ", \(s.evicted) least recently used removed (\(ByteSizeOption.text(s.bytesEvicted)))"
        }
        if s.notStored > 0 {
            text +=
                ", \(s.notStored) not stored: the cap \(ByteSizeOption.text(cache.maximumBytes)) is full of entries this run uses (raise --max-cache-size)"
        }
        return text
    }
}
