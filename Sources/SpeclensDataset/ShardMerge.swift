/// Joins the shards of one split analysis (`speclens analyze --shard I/N` on one or many
/// machines) into the dataset a single run would have written, byte for byte.
public enum ShardMerge {
    /// Merges `shards` (any order), naming them `shard #1`, `shard #2`, … in errors (in the
    /// order given); otherwise as ``merge(named:)``.
    public static func merge(_ shards: [SpectralDataset]) throws -> SpectralDataset {
        try merge(named: shards.enumerated().map { (name: "shard #\($0.offset + 1)", dataset: $0.element) })
    }

    /// Merges `parts` (any order), each named by the caller (usually its file name) for errors.
    /// All must come from the same analysis: same tool version, split, parameters, base and runs,
    /// and together hold every shard index exactly once.
    /// - Throws: ``DatasetError/incompatibleShards(_:)`` with the ``ShardConflict`` found first:
    ///   a part that is not a shard, the first field two parts disagree on, a duplicate or
    ///   missing shard, a matrix in several parts, or missing matrices.
    public static func merge(named parts: [(name: String, dataset: SpectralDataset)]) throws -> SpectralDataset {
        guard let (firstName, first) = parts.first else { throw DatasetError.incompatibleShards(.noParts) }
        for part in parts where part.dataset.shard == nil {
            throw DatasetError.incompatibleShards(.notAShard(part: part.name))
        }
        let reference = try ShardIdentity(first)
        for part in parts.dropFirst() {
            if let difference = try ShardIdentity(part.dataset).firstDifference(from: reference) {
                throw DatasetError.incompatibleShards(
                    .fieldDiffers(
                        field: difference.field, part: part.name, value: difference.value,
                        otherPart: firstName, otherValue: difference.otherValue))
            }
        }
        let count = first.shard!.count
        var byIndex: [Int: [String]] = [:]
        for part in parts { byIndex[part.dataset.shard!.index, default: []].append(part.name) }
        if let (index, names) = byIndex.filter({ $0.value.count > 1 }).min(by: { $0.key < $1.key }) {
            throw DatasetError.incompatibleShards(.duplicateShard(index: index, count: count, parts: names))
        }
        let missing = (0..<count).filter { byIndex[$0] == nil }
        guard missing.isEmpty else {
            throw DatasetError.incompatibleShards(.missingShards(indices: missing, count: count))
        }

        let ordered = parts.sorted { $0.dataset.shard!.index < $1.dataset.shard!.index }
        var owners: [String: [String]] = [:]
        for part in ordered {
            for matrix in part.dataset.base.matrices { owners[matrix.name, default: []].append(part.name) }
        }
        if let (name, names) = owners.filter({ $0.value.count > 1 }).min(by: { $0.key < $1.key }) {
            throw DatasetError.incompatibleShards(.repeatedMatrix(name: name, parts: names))
        }
        // A base matrix found damaged is a job without a base record; it is in the skipped list.
        let damagedBases = Set(
            ordered.flatMap { part in
                part.dataset.runs.flatMap(\.skipped).filter { $0.source == .base && $0.reasonCode?.isDamage == true }
                    .map(\.name)
            })
        let planned = first.shard!.totalMatrices
        guard owners.count + damagedBases.count == planned else {
            throw DatasetError.incompatibleShards(
                .missingMatrices(planned: planned, found: owners.count + damagedBases.count))
        }

        // Shard 0 carries what belongs to the whole analysis (the probe).
        var merged = ordered[0].dataset
        merged.shard = nil
        merged.base.matrices = ordered.flatMap(\.dataset.base.matrices).sorted { $0.name < $1.name }
        for index in merged.runs.indices {
            let matrices = ordered.flatMap { $0.dataset.runs[index].matrices }.sorted { $0.name < $1.name }
            merged.runs[index].matrices = matrices
            merged.runs[index].summary = RunSummary(
                matrices: matrices, epsilon: first.parameters.epsilon, epsilonGrid: first.parameters.epsilonGrid)
            if let previous = merged.runs[index].againstPreviousStep?.previous {
                merged.runs[index].againstPreviousStep = StepComparison(
                    previous: previous,
                    matrices: ordered.flatMap { $0.dataset.runs[index].againstPreviousStep?.matrices ?? [] }.sorted {
                        $0.name < $1.name
                    },
                    epsilon: first.parameters.epsilon, epsilonGrid: first.parameters.epsilonGrid)
            }
            // Planned exclusions are in every shard; damage only in the shard that found it.
            var skipped = first.runs[index].skipped
            for part in ordered {
                for entry in part.dataset.runs[index].skipped where !skipped.contains(entry) { skipped.append(entry) }
            }
            merged.runs[index].skipped = skipped.sorted { ($0.name, $0.source) < ($1.name, $1.source) }
        }
        return merged
    }
}
