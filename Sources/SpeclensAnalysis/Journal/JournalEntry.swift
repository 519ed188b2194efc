/// One line of an ``AnalysisJournal`` after the header: a finished matrix job.
struct JournalEntry: Codable {
    /// The job's base matrix name.
    var job: String
    /// What the job produced.
    var result: MatrixJobResult
    /// The job's ``MatrixJob/inputFingerprint()`` when it ran, as 16 hex digits.
    var inputs: String
}
