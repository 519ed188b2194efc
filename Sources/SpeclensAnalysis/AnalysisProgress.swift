/// A progress report, sent after each finished matrix job.
public struct AnalysisProgress: Sendable, Equatable {
    /// Jobs finished so far.
    public let completed: Int
    /// Jobs in the analysis.
    public let total: Int
    /// Name of the matrix that just finished.
    public let matrix: String
    /// Seconds since the analysis started.
    public let elapsedSeconds: Double
    /// Estimated seconds left, from the cost of the remaining jobs at the rate seen so far.
    public let estimatedRemainingSeconds: Double

}
