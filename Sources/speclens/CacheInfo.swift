import ArgumentParser
import Foundation
import SpeclensAnalysis

/// `speclens cache info`: where the cache is and what it holds, on standard output.
struct CacheInfo: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "info", abstract: "Show the cache's location, entry count, total size and cap.")

    @OptionGroup var location: CacheLocation
    @OptionGroup var cap: CacheCap

    func run() throws {
        try CommandFailure.guarding {
            let directory = try location.requireDirectory()
            var lines = ["location: \(directory)"]
            if FileManager.default.fileExists(atPath: directory) {
                let contents = try DecompositionCache(directory: directory, maximumBytes: cap.maxCacheSize.bytes)
                    .contents()
                lines.append("entries: \(contents.entries)")
                lines.append("size: \(ByteSizeOption.text(contents.bytes)) (\(contents.bytes) bytes)")
                if contents.temporaryFiles > 0 {
                    lines.append(
                        "temporary files: \(contents.temporaryFiles) (writes in progress, or left by a writer that stopped)"
                    )
                }
            } else {
                lines.append("entries: 0 (the folder does not exist yet)")
                lines.append("size: 0 bytes")
            }
            lines.append(
                "cap: \(cap.maxCacheSize) (\(cap.isDefault ? "the default" : "--max-cache-size"); each analysis applies its own --max-cache-size)"
            )
            print(lines.map { TerminalText.printable($0) }.joined(separator: "\n"))
        }
    }
}
