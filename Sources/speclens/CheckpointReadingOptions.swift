import ArgumentParser
import SpeclensAnalysis

/// How the user's checkpoints are named, stored and paired: the options of the commands that
/// analyse checkpoints given to them (not the demo, whose checkpoints are its own).
struct CheckpointReadingOptions: ParsableArguments {
    @Option(
        name: .customLong("map"),
        help: ArgumentHelp(
            "Rewrite fine-tuned tensor names before pairing: FROM is a regular expression, TO a template with $1… (repeatable).",
            valueName: "FROM=TO"))
    var nameRewrites: [String] = []

    @Option(
        name: .customLong("orientation"),
        help: ArgumentHelp(
            "How matrices matching REGEX are stored: out-in (nn.Linear), in-out (GPT-2 Conv1D) or embedding (repeatable; default: from the adapter config, the base's config.json model_type and the name).",
            valueName: "REGEX=KIND"))
    var orientationOverrides: [String] = []

    @Option(
        help: ArgumentHelp(
            "adapter_config.json for fine-tunes given as a bare adapter .safetensors or .bin file (a TUNED argument or a manifest run's path).",
            valueName: "file"))
    var adapterConfig: String?

    @Flag(
        help: ArgumentHelp(
            "Analyse an adapter even when fewer than half of its LoRA modules pair with a base weight: only the modules that pair are analysed, and the run gets a warning (default: refuse such an adapter, usually one made for another model)."
        ))
    var allowPartial = false

    @Flag(
        help: ArgumentHelp(
            "Analyse a full fine-tune even when it does not look like a fine-tune of BASE (its sampled matrices moved more than 0.9 of their norm and their top directions left the base's; default: refuse, usually a wrong base with the right shapes)."
        ))
    var allowUnrelated = false
}
