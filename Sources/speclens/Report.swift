import ArgumentParser

struct Report: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Analyse and render in one go: checkpoints in, static site out.",
        discussion: "The dataset is also written into the site as dataset.json.")

    @Argument(help: "Pre-trained checkpoint (file or folder).")
    var base: String

    @Argument(help: "Fine-tuned checkpoints or LoRA adapter folders (one or more).")
    var tuned: [String]

    @OptionGroup var analysis: AnalysisOptions
    @OptionGroup var report: ReportCommandOptions

    func run() throws {
        try CommandFailure.guarding {
            let dataset = try Pipeline.analyze(base: base, tuned: tuned, options: analysis)
            try Pipeline.render(dataset, options: report, writeDataset: true)
            try Pipeline.finish(dataset)
        }
    }
}
