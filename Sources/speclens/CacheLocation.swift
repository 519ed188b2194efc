import ArgumentParser
import SpeclensAnalysis

/// `--cache DIR`: the folder of the base decomposition cache.
struct CacheLocation: ParsableArguments {
    @Option(
        help: ArgumentHelp(
            "Folder of the base decomposition cache: base matrices' SVDs kept between runs, so a new fine-tune of a base seen before costs only its own side (default: $XDG_CACHE_HOME/speclens, else ~/.cache/speclens).",
            valueName: "dir"))
    var cache: String?

    /// The cache folder: `--cache`, else the default; nil when neither is known.
    var directory: String? { cache ?? DecompositionCache.defaultDirectory() }

    /// The folder, or a validation error saying how to give one.
    func requireDirectory() throws -> String {
        guard let directory else {
            throw ValidationError("no cache folder: neither XDG_CACHE_HOME nor HOME is set; give --cache DIR")
        }
        return directory
    }
}
