/// Joins the shards of one split analysis (`speclens analyze --shard I/N` on one or many
/// machines) into the dataset a single run would have written, byte for byte.
public enum ShardMerge {
    /// Merges `shards` (any order). All must come from the same analysis: same tool version,
    /// parameters, base and runs, shard counts agreeing, every index present exactly once.
    public static func merge(_ shards: [SpectralDataset]) throws -> SpectralDataset {
        guard let first = shards.first else {
            throw DatasetError.incompatibleShards(reason: "no shard given")
        }
        guard let count = first.shard?.count else {
            throw DatasetError.incompatibleShards(reason: "a dataset is not a shard (no shard field)")
        }
        let ordered = shards.sorted { ($0.shard?.index ?? -1) < ($1.shard?.index ?? -1) }
        guard ordered.compactMap(\.shard?.index) == Array(0..<count),
            ordered.allSatisfy({ $0.shard?.count == count })
        else {
            let found = ordered.map { $0.shard.map { "\($0.index)/\($0.count)" } ?? "none" }
            throw DatasetError.incompatibleShards(
                reason: "expected shards 0…\(count - 1) of \(count) once each, got \(found.joined(separator: ", "))")
        }
        for shard in ordered.dropFirst() {
            if shard.tool != first.tool { throw DatasetError.incompatibleShards(reason: "written by different speclens versions") }
            if shard.parameters != first.parameters { throw DatasetError.incompatibleShards(reason: "analysis options differ") }
            if shard.base.path != first.base.path || shard.base.files != first.base.files {
                throw DatasetError.incompatibleShards(reason: "base checkpoints differ")
            }
            if shard.runs.map(\.id) != first.runs.map(\.id) || shard.runs.map(\.path) != first.runs.map(\.path) {
                throw DatasetError.incompatibleShards(reason: "fine-tunes differ")
            }
            if shard.shard?.totalMatrices != first.shard?.totalMatrices {
                throw DatasetError.incompatibleShards(reason: "the shards planned different matrices")
            }
        }
        let baseMatrices = ordered.flatMap(\.base.matrices).sorted { $0.name < $1.name }
        guard Set(baseMatrices.map(\.name)).count == baseMatrices.count,
            baseMatrices.count == first.shard?.totalMatrices
        else {
            throw DatasetError.incompatibleShards(reason: "matrices are missing or repeated")
        }
        var merged = first
        merged.shard = nil
        merged.base.matrices = baseMatrices
        for index in merged.runs.indices {
            let matrices = ordered.flatMap { $0.runs[index].matrices }.sorted { $0.name < $1.name }
            merged.runs[index].matrices = matrices
            merged.runs[index].summary = RunSummary(
                matrices: matrices, epsilon: first.parameters.epsilon, epsilonGrid: first.parameters.epsilonGrid)
        }
        return merged
    }
}
