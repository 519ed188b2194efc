/// The JSON dataset written by `speclens analyze` and read by `speclens render`: the contract
/// between the two stages. Everything a report shows is in here; the report reads nothing else.
///
/// Conventions used throughout:
/// - weight matrices are named and shaped as stored by PyTorch `nn.Linear`: row-major `[out, in]`;
/// - singular values are in descending order, as float32 values;
/// - indices of singular vectors are 0-based ranks (0 is the largest singular value);
/// - ε comparisons are strict: a fine-tuned vector is an intruder when its max |cos| `< ε`.
///
/// JSON keys are `snake_case`; `docs/dataset.md` documents every field.
public struct SpectralDataset: Codable, Equatable, Sendable {
    /// The schema version this library writes. Readers refuse newer major versions.
    public static let currentSchemaVersion = 1

    /// Version of the schema the file follows.
    public var schemaVersion: Int
    /// The program that wrote the file.
    public var tool: ToolInfo
    /// The analysis settings every number in the file was computed with.
    public var parameters: AnalysisParameters
    /// The pre-trained checkpoint, with each analysed matrix and its spectrum (stored once).
    public var base: BaseModelRecord
    /// One entry per fine-tune compared against the base, in the order given on the command line.
    public var runs: [FineTuneRun]
    /// Set when the file holds one shard of a split analysis; absent in a complete dataset.
    public var shard: ShardRecord?
    /// The random-direction experiment on the base (`parameters.probe_matrices` > 0); absent
    /// otherwise.
    public var probe: ProbeRecord?

    public init(
        schemaVersion: Int = SpectralDataset.currentSchemaVersion, tool: ToolInfo,
        parameters: AnalysisParameters, base: BaseModelRecord, runs: [FineTuneRun],
        shard: ShardRecord? = nil, probe: ProbeRecord? = nil
    ) {
        self.probe = probe
        self.schemaVersion = schemaVersion
        self.tool = tool
        self.parameters = parameters
        self.base = base
        self.runs = runs
        self.shard = shard
    }
}

extension SpectralDataset {
    /// Replaces the leading `prefix` of every recorded checkpoint path (base, its files, runs)
    /// with `label`, e.g. to record a scratch folder under a stable name.
    public mutating func relabelPaths(replacing prefix: String, with label: String) {
        func relabel(_ path: String) -> String {
            path.hasPrefix(prefix) ? label + path.dropFirst(prefix.count) : path
        }
        base.path = relabel(base.path)
        base.files = base.files.map { FileRecord(path: relabel($0.path), bytes: $0.bytes) }
        for index in runs.indices {
            runs[index].path = relabel(runs[index].path)
            runs[index].stack = runs[index].stack?.map(relabel)
        }
    }
}

extension SpectralDataset {
    /// The first field where this dataset's header (everything but the matrices, the per-run
    /// totals and the skipped lists) differs from `other`'s: its path in the dataset (e.g.
    /// `parameters.top_k`, `runs[0].path`, `shard.index`) and both values as compact JSON; nil
    /// when the headers are equal. Tells whether two files describe the same analysis.
    public func firstHeaderDifference(from other: SpectralDataset) throws -> (
        field: String, value: String, otherValue: String
    )? {
        try ShardIdentity(self, keepingShardIndex: true).firstDifference(
            from: ShardIdentity(other, keepingShardIndex: true))
    }
}
