import ArgumentParser

/// `I/N` on the command line: shard I (0-based) of N.
struct ShardSpec: ExpressibleByArgument {
    let index: Int
    let count: Int

    init?(argument: String) {
        let parts = argument.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let index = Int(parts[0]), let count = Int(parts[1]),
            count >= 1, index >= 0, index < count
        else { return nil }
        self.index = index
        self.count = count
    }
}
