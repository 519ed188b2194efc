import SpeclensDataset

/// The first line of an ``AnalysisJournal``: the format version and the analysis it belongs to,
/// as the dataset it would write with no matrix analysed yet (tool, parameters, base path, runs,
/// shard; not the files' sizes: each job's inputs are identified by content instead).
struct JournalHeader: Codable {
    /// Format version of the journal.
    var speclensJournal: Int
    /// The analysis this journal belongs to.
    var identity: SpectralDataset
}
