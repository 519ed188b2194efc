import ArgumentParser
import SpeclensAnalysis
import SpeclensDataset

/// The journal of a command that analyses: every finished matrix is recorded beside the output,
/// so that the same command resumes after Ctrl-C, `kill -9` or a crash.
struct JournalOptions: ParsableArguments {
    @Flag(
        help: ArgumentHelp(
            "Start over: ignore (and replace) the journal of an interrupted run of this command (OUTPUT.journal)."))
    var fresh = false

    /// Analyses with the journal at `path`, Ctrl-C stopping after the matrices being analysed
    /// (exit 130, the journal kept); see ``Pipeline/analyze(base:runs:setup:shard:journal:interruption:cache:)``.
    func analyze(
        base: String, runs: [RunSpec], setup: AnalysisSetup, journal path: String,
        shard: (index: Int, count: Int)? = nil, cache: DecompositionCache?
    ) throws -> SpectralDataset {
        let interruption = AnalysisInterruption()
        let handler = InterruptHandler(interruption)
        defer { withExtendedLifetime(handler) {} }
        return try Pipeline.analyze(
            base: base, runs: runs, setup: setup, shard: shard, journal: (path: path, fresh: fresh),
            interruption: interruption, cache: cache)
    }
}
