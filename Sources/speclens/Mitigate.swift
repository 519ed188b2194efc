import ArgumentParser
import Foundation
import SpeclensAnalysis
import SpeclensDataset
import SpeclensLinearAlgebra

struct Mitigate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Reduce an adapter's intruder dimensions and write it as a new PEFT adapter.",
        discussion: """
            For every LoRA module of ADAPTER (selection flags do not apply): in the merged weight \
            W0 + s·B·A, the singular values of the intruders among the top k vectors (max |cos| \
            against every base vector below ε, in the layer's output space) are scaled by λ, and \
            the update is re-factored at the adapter's rank (√σ split between B and A), as PEFT's \
            reduce_intruder_dimension does for nn.Linear layers. The output folder holds \
            adapter_config.json, adapter_model.safetensors (the original's tensor names, dtypes and \
            shapes; only changed lora_A/lora_B values differ) and speclens-mitigation.json, which \
            an analysis of the new adapter carries into its dataset. The output is written beside \
            the folder and swapped in whole: it must be new, empty or written by speclens mitigate \
            before (a non-empty folder of other files needs --force), and it is never one of the \
            inputs, inside one or holding one.
            """)

    @Argument(help: "Pre-trained checkpoint the adapter was trained on.")
    var base: String

    @Argument(help: "PEFT LoRA adapter folder.")
    var adapter: String

    @Option(name: .shortAndLong, help: "Folder for the mitigated adapter.")
    var output: String?

    @Option(
        help: ArgumentHelp(
            "Instead of an adapter, write the merged model (the base with the mitigated adapter merged, in the base's dtypes and files, sharded like the base) into this folder.",
            valueName: "dir"))
    var merged: String?

    @Option(name: .customLong("top-k"), help: "Top merged singular vectors tested (PEFT's default).")
    var topK = 10

    @Option(
        name: .customLong("threshold-epsilon"),
        help: ArgumentHelp(
            "Intruder threshold ε in (0, 1], strict: the one ε at which intruders are scaled (PEFT's threshold_epsilon "
                + "and default). A single value, since one adapter is written; the analysis commands' --epsilon, which "
                + "takes a list, does not apply here.",
            valueName: "ε"))
    var thresholdEpsilon = 0.5

    @Option(name: .customLong("lambda"), help: "Factor for each intruder's singular value (PEFT's default).")
    var lambda = 0.75

    @Option(
        name: .customLong("map"),
        help: ArgumentHelp(
            "Rewrite adapter module names before pairing with the base (repeatable).", valueName: "FROM=TO"))
    var nameRewrites: [String] = []

    @Flag(
        help:
            "Write into an existing folder that speclens did not write, keeping its other files (never into an input).")
    var force = false

    @OptionGroup var cache: CacheOptions
    @OptionGroup var kernels: KernelOptions

    func validate() throws {
        guard (output == nil) != (merged == nil) else {
            throw ValidationError("give either -o DIR (an adapter) or --merged DIR (a merged model)")
        }
        guard topK >= 1 else { throw ValidationError("--top-k must be at least 1") }
        guard thresholdEpsilon > 0, thresholdEpsilon <= 1 else {
            throw ValidationError("--threshold-epsilon must be in (0, 1]")
        }
        guard lambda >= 0, lambda.isFinite else { throw ValidationError("--lambda must be 0 or more") }
    }

    func run() throws {
        try CommandFailure.guarding {
            try kernels.select()
            var mitigation = AdapterMitigation(
                mitigation: IntruderMitigation(topK: topK, epsilon: thresholdEpsilon, lambda: lambda),
                rewrites: try nameRewrites.map(NameRewrite.init))
            let cache = self.cache.open()
            mitigation.baseCache = cache
            mitigation.allowForeignOutput = force
            let target: AdapterMitigation.Output = merged.map { .merged($0) } ?? .adapter(output ?? "")
            let record = try OpenBLASRuntime.withThreads(1) {
                try mitigation.run(basePath: base, adapterPath: adapter, writing: target)
            }
            if let cache, let summary = CacheOptions.summary(cache) { Pipeline.say(summary) }
            if let line = KernelOptions.line { Pipeline.say(line) }
            let changed = record.modules.filter { !$0.intruderIndices.isEmpty }
            Pipeline.say(
                "wrote \(merged ?? output ?? ""): \(changed.reduce(0) { $0 + $1.intruderIndices.count }) intruder(s) in \(changed.count) of "
                    + "\(record.modules.count) module(s) scaled by λ = \(lambda) at ε = \(EpsilonLabel.text(thresholdEpsilon))"
            )
        }
    }
}
