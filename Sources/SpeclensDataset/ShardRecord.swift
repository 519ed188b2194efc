/// Marks a dataset that holds one shard of a split analysis (`speclens analyze --shard I/N`):
/// the matrices at positions `index, index + count, …` of the name-sorted job list.
/// `speclens merge` joins the `count` shards into the dataset a single run would have written.
public struct ShardRecord: Codable, Equatable, Sendable {
    /// Shard number, `0 ..< count`.
    public var index: Int
    /// Number of shards the analysis was split into.
    public var count: Int
    /// Number of matrix jobs in the whole analysis (all shards).
    public var totalMatrices: Int

    public init(index: Int, count: Int, totalMatrices: Int) {
        self.index = index
        self.count = count
        self.totalMatrices = totalMatrices
    }
}
