import ArgumentParser
import SpeclensDataset

struct Report: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Analyse and render in one go: checkpoints in, static site out.",
        discussion: "The dataset is also written into the site as dataset.json.")

    @OptionGroup var input: ExperimentInput

    @OptionGroup var analysis: AnalysisOptions
    @OptionGroup var cache: CacheOptions
    @OptionGroup var report: ReportCommandOptions

    func run() throws {
        try CommandFailure.guarding {
            try analysis.kernels.select()
            let (base, runs) = try input.experiment()
            let dataset = try Pipeline.analyze(base: base, runs: runs, options: analysis, cache: cache.open())
            Pipeline.sayDescription("analysed", dataset, asked: analysis.epsilon.list)
            try Pipeline.render(dataset, options: report, readingAt: analysis.epsilon.list, datasetFile: try DatasetCoding.encode(dataset))
            try Pipeline.finish(dataset)
        }
    }
}
