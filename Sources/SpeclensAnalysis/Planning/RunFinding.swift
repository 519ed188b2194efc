import SpeclensCheckpoints

/// Something the planner found about a run that a reader of its numbers should know, with its
/// ``severity``: warnings go to the run's `warnings` in the dataset, notes to its `notes`; both
/// are printed by the command line. The ``text`` never names command-line flags.
enum RunFinding: Sendable, Equatable {
    /// A warning raised while reading the adapter (e.g. a PiSSA initialisation, LoRA biases), in
    /// the checkpoint library's words.
    case adapter(String)
    /// Fewer than half of the adapter's LoRA modules target a weight the base has, and partial
    /// matches were allowed (``PartialMatchPolicy/warn``): only the matching ones are analysed.
    case partialMatch(ModuleCoverage)
    /// The hidden size the adapter's module shapes imply (``ModelDimensions``) differs from the
    /// base's, as its `config.json` states it and/or as its layer matrices imply it.
    case hiddenSizeMismatch(adapter: Int, config: ConfigNumber?, shapes: Int?)
    /// The adapter adapts a layer index the base does not have: `adapterLayers` is its largest
    /// layer index plus one; the base's count is from its `config.json` and/or its tensor names.
    case layerCountMismatch(adapterLayers: Int, config: ConfigNumber?, shapes: Int?)
    /// Every analysed matrix of the LoRA run is unchanged. `adaptedInBase` counts the base
    /// weights the adapter changes (LoRA modules and saved modules that pair): all left out by the
    /// selection, or none at all.
    case nothingAdaptedAnalysed(adaptedInBase: Int)
    /// The adapter's `base_model_name_or_path` names neither the base's `config.json`
    /// `_name_or_path` nor the base's folder or file. Names often differ for the same weights, so
    /// this is a note: the checks on names, shapes and layers judge the fit.
    /// `baseFolder` is the base's display name (its folder, or its file's stem), never a full path,
    /// so that the text does not depend on where the checkpoints lie.
    case baseNameDiffers(declared: String, baseName: String?, baseFolder: String)
    /// A checkpoint folder holds its weights in two formats; the preferred one was read
    /// (safetensors over PyTorch). `checkpoint` is "the base" or "this run"; file names only.
    case otherFormatNotRead(checkpoint: String, read: String, unread: [String])
    /// The default selection left out these base projections outside the repeated blocks (no
    /// layer index, such as a pooler), sorted; they are analysed with the heads.
    case outsideBlocksLeftOut([String])

    /// Notes only remark; everything else is a warning.
    var severity: FindingSeverity {
        switch self {
        case .baseNameDiffers, .otherFormatNotRead, .outsideBlocksLeftOut: return .note
        default: return .warning
        }
    }

    /// The finding in one sentence.
    var text: String {
        switch self {
        case .adapter(let text):
            return text
        case .partialMatch(let coverage):
            return "fewer than half of the adapter's LoRA modules pair with the base: \(coverage.text). "
                + "Only the modules that pair are analysed; the others are listed as skipped"
        case .hiddenSizeMismatch(let adapter, let config, let shapes):
            var base: [String] = []
            if let config { base.append("\(config.value) in its config.json (\"\(config.key)\")") }
            if let shapes { base.append("\(shapes) in its layer matrices") }
            return "the adapter's module shapes imply hidden size \(adapter), but the base has "
                + base.joined(separator: " and ") + ": the adapter was made for a model of another width"
        case .layerCountMismatch(let adapterLayers, let config, let shapes):
            var base: [String] = []
            if let config { base.append("\(config.value) in its config.json (\"\(config.key)\")") }
            if let shapes { base.append("\(shapes) in its tensor names") }
            return "the adapter adapts layer \(adapterLayers - 1), so its model has at least \(adapterLayers) layers, "
                + "but the base has " + base.joined(separator: " and ")
                + ": the adapter was made for a deeper model"
        case .nothingAdaptedAnalysed(let adapted) where adapted > 0:
            return "every analysed matrix is unchanged: the selection leaves out all \(adapted) base "
                + "weight(s) the adapter changes, so this run shows nothing of the adapter"
        case .nothingAdaptedAnalysed:
            return "every analysed matrix is unchanged: the adapter changes no weight of this base"
        case .baseNameDiffers(let declared, let baseName, let baseFolder):
            let base =
                baseName.map { "the base's config.json names \"\($0)\"" }
                ?? "the base \"\(baseFolder)\" has no name in a config.json"
            return "the adapter names its base model \"\(declared)\"; \(base). Names often "
                + "differ for the same weights (a fine-tuned model's config can keep its backbone's name); "
                + "the fit is judged by tensor names, shapes and layers"
        case .outsideBlocksLeftOut(let names):
            let shown =
                names.prefix(5).joined(separator: ", ") + (names.count > 5 ? " and \(names.count - 5) more" : "")
            return "\(names.count) projection(s) outside the repeated blocks were not analysed (\(shown)): "
                + "a matrix outside the blocks can hold most of a run's intruders and change the comparison; "
                + "they are analysed when the heads are selected"
        case .otherFormatNotRead(let checkpoint, let read, let unread):
            return "\(checkpoint) was read from \(read); \(unread.joined(separator: " and ")) beside it "
                + "\(unread.count == 1 ? "was" : "were") not read (safetensors is preferred when both are present)"
        }
    }
}
