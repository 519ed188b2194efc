import ArgumentParser
import Foundation
import SpeclensAnalysis

/// `speclens cache clear`: removes every entry (and temporary file) of the cache.
struct CacheClear: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "clear",
        abstract: "Remove every entry of the cache.",
        discussion:
            "Only cache entries (and temporary files of unfinished writes) are removed; other files in the folder stay."
    )

    @OptionGroup var location: CacheLocation

    func run() throws {
        try CommandFailure.guarding {
            let directory = try location.requireDirectory()
            guard FileManager.default.fileExists(atPath: directory) else {
                Pipeline.say("the cache \(directory) does not exist; nothing to remove")
                return
            }
            let removed = try DecompositionCache(directory: directory).clear()
            Pipeline.say(
                "removed \(removed.entries) entr\(removed.entries == 1 ? "y" : "ies") (\(ByteSizeOption.text(removed.bytes))) from the cache \(directory)"
            )
        }
    }
}
