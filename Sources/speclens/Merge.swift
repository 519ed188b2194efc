import ArgumentParser
import SpeclensAnalysis
import SpeclensDataset
import SpeclensOutput

struct Merge: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Join the shards of a split analysis into one dataset.",
        discussion: """
            Each SHARD is a dataset written by `speclens analyze --shard I/N` (or --shard auto, \
            auto/N) with the same checkpoints and options. The result is the dataset one unsplit \
            run would have written. Parts from different checkpoints, options or speclens \
            versions, and missing or repeated shards, are refused (exit 1) with the files and \
            the differing field named; nothing is written then.
            """)

    @Argument(help: "Shard datasets (all N of them, any order).")
    var shards: [String]

    @Option(name: .shortAndLong, help: "Dataset file to write.")
    var output = "dataset.json"

    func run() throws {
        try CommandFailure.guarding {
            try InputOverlap.checkFile(output, inputs: shards)
            let merged = try ShardMerge.merge(
                named: try shards.map { (name: $0, dataset: try DatasetCoding.read(from: $0)) })
            // A shard cannot tell a full fine-tune equal to the base; the whole dataset can.
            try UnchangedRunCheck.verify(merged)
            try DatasetCoding.write(merged, to: output)
            Pipeline.sayDescription("wrote \(output)", merged, asked: nil)
            try Pipeline.finish(merged)
        }
    }
}
