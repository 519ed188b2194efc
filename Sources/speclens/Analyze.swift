import ArgumentParser
import Foundation
import SpeclensAnalysis
import SpeclensDataset
import SpeclensOutput

struct Analyze: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Compare fine-tuned checkpoints with their base and write a JSON dataset.",
        discussion: """
            BASE is a .safetensors or PyTorch .bin file or a model folder (model.safetensors, \
            pytorch_model.bin, or a sharded model.safetensors.index.json or \
            pytorch_model.bin.index.json; PyTorch files are read without running their pickle). \
            Each TUNED is a fine-tuned model in the same forms or a PEFT LoRA adapter folder \
            (adapter_config.json + adapter_model.safetensors or adapter_model.bin). The dataset \
            is replaced only when the analysis succeeds. Each finished matrix is journaled in \
            OUTPUT.journal: after Ctrl-C (exit 130), kill -9 or a crash the same command resumes \
            where it stopped and writes the same dataset; a journal of other inputs or options is \
            refused (start over with --fresh). The journal is removed once the dataset is written.
            """)

    @OptionGroup var input: ExperimentInput

    @OptionGroup var analysis: AnalysisOptions

    @OptionGroup var cache: CacheOptions

    @Option(name: .shortAndLong, help: "Dataset file to write.")
    var output = "dataset.json"

    @Option(
        help: ArgumentHelp(
            "Analyse only shard I of N (I in 0…N-1): every N-th matrix of the name-sorted list, for splitting a run across machines; join the shards with `speclens merge`. `auto` takes I and N from a Slurm job array (SLURM_ARRAY_TASK_ID − SLURM_ARRAY_TASK_MIN of SLURM_ARRAY_TASK_COUNT); `auto/N` takes I from a Kubernetes Indexed Job (JOB_COMPLETION_INDEX).",
            valueName: "I/N|auto|auto/N"))
    var shard: ShardSpec?

    @OptionGroup var journal: JournalOptions

    func run() throws {
        try CommandFailure.guarding {
            try analysis.resources.kernels.select()
            let shard = try self.shard?.resolve(environment: ProcessInfo.processInfo.environment)
            let (base, runs) = try input.experiment()
            try InputOverlap.checkFile(output, inputs: try input.inputPaths())
            let journalPath = AnalysisJournal.path(for: output)
            let dataset = try journal.analyze(
                base: base, runs: runs, setup: analysis.setup, journal: journalPath, shard: shard, cache: cache.open())
            try DatasetCoding.write(dataset, to: output)
            AnalysisJournal.discard(at: journalPath)
            Pipeline.sayDescription("wrote \(output)", dataset, asked: analysis.measurement.epsilon.list)
            try Pipeline.finish(dataset)
        }
    }
}
