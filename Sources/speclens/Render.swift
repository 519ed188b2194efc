import ArgumentParser
import SpeclensDataset
import SpeclensReport

struct Render: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Turn a dataset into a static HTML/SVG report.",
        discussion: """
            Reads only the dataset. Writes index.html, one page per matrix, standalone SVG charts \
            and CSV files into the output folder; files it did not write are left alone.
            """)

    @Argument(help: "Dataset written by `speclens analyze`.")
    var dataset: String

    @Option(help: ArgumentHelp(
        "Read the report at this ε instead of the analysis ε, or at a list 0.5,0.7,0.9 (the first is in force; "
            + "counts come from the stored max |cos|, strict <).",
        valueName: "ε[,ε…]"), transform: EpsilonListOption.parse)
    var epsilon: EpsilonListOption?

    @OptionGroup var report: ReportCommandOptions

    func run() throws {
        try CommandFailure.guarding {
            let data = try DatasetCoding.read(from: dataset)
            try Pipeline.render(data, options: report, readingAt: epsilon?.list, writeDataset: false)
        }
    }
}
