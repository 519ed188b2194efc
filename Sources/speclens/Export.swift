import ArgumentParser
import Foundation
import SpeclensDataset
import SpeclensOutput

struct Export: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write a dataset as one flat table: one row per run × matrix.",
        discussion: """
            Every row carries its run (id, label, kind, LoRA settings, each tag as tag.NAME and \
            each supplied metric as metric.NAME), the matrix's layer, module, kind, shapes and \
            formats, every per-matrix measure of the dataset, max |cos| per top vector \
            (max_cos_0 …) and intruder counts at the analysis ε and at every ε of the grid \
            (intruders_eps_0.05 …), so that a notebook needs no joins. docs/dataset.md lists \
            the columns. CSV has a header line; JSON Lines has one object per line.
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
            let table = try TidyExport(try DatasetCoding.read(from: dataset))
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
