import ArgumentParser
import SpeclensAnalysis
import SpeclensDataset

struct Report: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Analyse and render in one go: checkpoints in, static site out.",
        discussion: """
            The dataset is also written into the site as dataset.json. Each finished matrix is \
            journaled beside the output (SITE.journal, or FILE.journal for --single-file alone): \
            after Ctrl-C (exit 130), kill -9 or a crash the same command resumes where it stopped \
            and writes the same site; a matrix whose input tensors changed since is analysed again. \
            The journal is removed once the report is written.
            """)

    @OptionGroup var input: ExperimentInput

    @OptionGroup var analysis: AnalysisOptions
    @OptionGroup var cache: CacheOptions
    @OptionGroup var report: ReportCommandOptions
    @OptionGroup var journal: JournalOptions

    func run() throws {
        try CommandFailure.guarding {
            try analysis.resources.kernels.select()
            let (base, runs) = try input.experiment()
            let journalPath = report.journalPath
            let dataset = try journal.analyze(
                base: base, runs: runs, setup: analysis.setup, journal: journalPath, cache: cache.open())
            Pipeline.sayDescription("analysed", dataset, asked: analysis.measurement.epsilon.list)
            try Pipeline.render(
                dataset, options: report, readingAt: analysis.measurement.epsilon.list,
                datasetFile: try DatasetCoding.encode(dataset))
            AnalysisJournal.discard(at: journalPath)
            try Pipeline.finish(dataset)
        }
    }
}
