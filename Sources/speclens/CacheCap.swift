import ArgumentParser
import SpeclensAnalysis

/// `--max-cache-size SIZE`: the size cap of the base decomposition cache.
struct CacheCap: ParsableArguments {
    @Option(
        name: .customLong("max-cache-size"),
        help: ArgumentHelp(
            "Size cap of the cache: least recently used entries are removed to stay below it (K, M, G, T are powers of 1024; default 50G, which holds a 7B model's base).",
            valueName: "size"), transform: ByteSizeOption.parse)
    var maxCacheSize = ByteSizeOption(bytes: DecompositionCache.defaultMaximumBytes)

    /// Whether the cap is the default (not given).
    var isDefault: Bool { maxCacheSize.bytes == DecompositionCache.defaultMaximumBytes }
}
