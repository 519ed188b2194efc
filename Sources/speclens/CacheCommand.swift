import ArgumentParser

/// `speclens cache info|clear`.
struct CacheCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cache",
        abstract: "Show or empty the base decomposition cache.",
        discussion: """
            analyze, report, site (for manifests), demo and mitigate keep the SVD of every base \
            matrix they decompose in a \
            cache folder (--cache DIR; default $XDG_CACHE_HOME/speclens, else \
            ~/.cache/speclens), keyed by the matrix's content, shape, dtype and orientation, \
            the decomposition routine, the BLAS library and the speclens version. A later \
            analysis against the same base reads them instead of decomposing again, with \
            byte-identical results. Entries are checked on reading (damaged ones are \
            recomputed and replaced), written atomically, and safe to share between processes \
            and machines (shards on shared storage).
            """,
        subcommands: [CacheInfo.self, CacheClear.self])
}
