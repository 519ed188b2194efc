import ArgumentParser
import SpeclensAnalysis
import SpeclensDataset

struct Analyze: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Compare fine-tuned checkpoints with their base and write a JSON dataset.",
        discussion: """
            BASE is a .safetensors file or a model folder (model.safetensors or a sharded \
            model.safetensors.index.json). Each TUNED is a fine-tuned model in the same forms or a \
            PEFT LoRA adapter folder (adapter_config.json + adapter_model.safetensors). The dataset \
            is replaced only when the analysis succeeds.
            """)

    @OptionGroup var input: ExperimentInput

    @OptionGroup var analysis: AnalysisOptions

    @Option(name: .shortAndLong, help: "Dataset file to write.")
    var output = "dataset.json"

    @Option(help: ArgumentHelp(
        "Analyse only shard I of N (I in 0…N-1): every N-th matrix of the name-sorted list, for splitting a run across machines; join the shards with `speclens merge`.",
        valueName: "I/N"))
    var shard: ShardSpec?

    func run() throws {
        try CommandFailure.guarding {
            let (base, runs) = try input.experiment()
            let dataset = try Pipeline.analyze(
                base: base, runs: runs, options: analysis,
                shard: shard.map { ($0.index, $0.count) })
            try DatasetCoding.write(dataset, to: output)
            Pipeline.sayDescription("wrote \(output)", dataset, asked: analysis.epsilon.list)
            try Pipeline.finish(dataset)
        }
    }
}
