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

    @OptionGroup var report: ReportCommandOptions

    func run() throws {
        try CommandFailure.guarding {
            let data = try DatasetCoding.read(from: dataset)
            try Pipeline.render(data, options: report, writeDataset: false)
        }
    }
}
