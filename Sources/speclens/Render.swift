import ArgumentParser
import Foundation
import SpeclensDataset
import SpeclensReport

struct Render: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Turn a dataset into a static HTML/SVG report.",
        discussion: """
            Reads only the dataset. Writes index.html, one page per matrix, standalone SVG charts \
            and CSV files into the output folder, replacing an earlier site there as a whole: pages \
            of an earlier render are removed, files speclens did not write are kept, and an \
            interrupted render leaves the earlier site intact. A folder that is neither empty, \
            nor holding only a README.md, nor a speclens site is refused without --force.
            """)

    @Argument(help: "Dataset written by `speclens analyze`.")
    var dataset: String

    @Option(help: EpsilonListOption.readingHelp("the report"), transform: EpsilonListOption.parse)
    var epsilon: EpsilonListOption?

    @OptionGroup var report: ReportCommandOptions

    func run() throws {
        try CommandFailure.guarding {
            let data = try DatasetCoding.read(from: dataset)
            // A site's own dataset.json (written by `report`) rendered again into the same site
            // stays, byte for byte: it is not removed as a file of the earlier render.
            let inside =
                report.siteFolder.map {
                    URL(fileURLWithPath: $0).appending(path: "dataset.json").standardizedFileURL
                        .resolvingSymlinksInPath()
                        == URL(fileURLWithPath: dataset).standardizedFileURL.resolvingSymlinksInPath()
                } ?? false
            try Pipeline.render(
                data, options: report, readingAt: epsilon?.list,
                datasetFile: inside ? FileManager.default.contents(atPath: dataset) : nil)
        }
    }
}
