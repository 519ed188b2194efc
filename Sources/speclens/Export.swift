import ArgumentParser
import Foundation
import SpeclensDataset
import SpeclensOutput

struct Export: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write a dataset as one flat table: one row per run × matrix.",
        discussion: """
            Every row carries its run, the matrix's layer, module, kind, shapes and formats, max \
            |cos| per top vector (max_cos_0 …), intruder counts at the analysis ε and at every ε \
            of the grid (intruders_eps_0.05 …), effective rank and norms, so that a notebook \
            needs no joins. CSV has a header line; JSON Lines has one object per line.
            """)

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case csv, jsonl
    }

    @Argument(help: "Dataset written by `speclens analyze`.")
    var dataset: String

    @Option(help: "csv or jsonl.")
    var format: Format = .csv

    @Option(name: .shortAndLong, help: "File to write (default: standard output).")
    var output: String?

    func run() throws {
        try CommandFailure.guarding {
            if let output { try InputOverlap.checkFile(output, inputs: [dataset]) }
            let table = TidyExport(try DatasetCoding.read(from: dataset))
            let text = format == .csv ? table.csv : table.jsonLines
            if let output {
                try DurableWrite.write(Data(text.utf8), to: output)
                Pipeline.say("wrote \(output): \(table.rows.count) rows × \(table.columns.count) columns")
            } else {
                FileHandle.standardOutput.write(Data(text.utf8))
            }
        }
    }
}
