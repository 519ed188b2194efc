import SpeclensDataset

/// The first line of an ``AnalysisJournal``: the format version and the analysis it belongs to,
/// as the dataset it would write with no matrix analysed yet (tool, parameters, base files with
/// their sizes, runs, shard).
struct JournalHeader: Codable {
    /// Format version of the journal.
    var speclensJournal: Int
    /// The analysis this journal belongs to.
    var identity: SpectralDataset
}
