/// Decides which base matrices are compared with which fine-tuned ones.
///
/// Names are matched by ``NameMatcher``-style rules: the exact name first, else the tuned name with
/// one leading dotted component removed or added, recorded in ``MatrixPair/matchedBy`` as the change
/// from the tuned name to the base name (`exact`, `removed prefix "bert."`, `added prefix "model."`).
public enum MatrixPairing {
    /// Exclusion reason for a tuned tensor without a base counterpart.
    public static let noBaseCounterpart = "no counterpart in the base checkpoint"
    /// Exclusion reason for a selected base matrix missing from a full fine-tune.
    public static let absentFromTuned = "absent from the fine-tuned checkpoint"

    /// Plans the comparison of `base` with `tuned`.
    ///
    /// Full fine-tune: every base tensor is matched with a tuned tensor by name. A matched pair is
    /// compared when the base tensor passes `selection`, the shapes are equal and the tuned dtype is
    /// a supported float type; otherwise the base tensor (or, for a bad tuned dtype, the tuned one)
    /// is excluded with the reason. Selected base matrices without a counterpart are excluded as
    /// "absent from the fine-tuned checkpoint" (source "base"); tuned tensors matching nothing as
    /// "no counterpart in the base checkpoint" (source "tuned").
    ///
    /// LoRA adapter: each module's name + ".weight" is matched to a base name by the same rules and
    /// becomes a `.lowRank` pair when the base tensor passes `selection`; its base shape must be the
    /// module's ``LoRAModule/storageShape`` (`[outFeatures, inFeatures]`, transposed for
    /// `fan_in_fan_out` and embedding modules), otherwise this throws. A module whose base tensor is not selected
    /// is excluded under the base tensor's name (source "base"); a module with no base tensor is
    /// excluded under its A-factor name (source "adapter"). `modules_to_save` tensors with a base
    /// counterpart are compared as `.replacement`s (matchedBy starting "modules_to_save, "), those
    /// without are excluded (source "adapter", "no counterpart in the base checkpoint
    /// (modules_to_save head)"). Base tensors the adapter does not touch are unchanged by it: they are
    /// neither pairs nor listed as excluded, which keeps the list short. The adapter's
    /// ``LoRAAdapter/otherTensors`` (e.g. LoRA biases) are not listed either: callers report them.
    ///
    /// `rewrites` are applied in order to every tuned-side name (full fine-tune tensor names, LoRA
    /// module name + ".weight", saved-tensor names) before matching; a pair whose name a rewrite
    /// changed has `matchedBy` starting `rewritten by "FROM=TO", ` (each rewrite that changed it).
    ///
    /// Orientation (see ``MatrixOrientation``): the first `orientationOverrides` entry whose regex
    /// matches the base name decides for full-fine-tune and `modules_to_save` pairs; otherwise LoRA
    /// pairs take their module's orientation (overrides do not apply to them, as the adapter's merge
    /// depends on it) and other pairs ``MatrixOrientation/inferred(tensorName:modelType:)`` with the
    /// base's ``ModelCheckpoint/modelType``. Fused projections get a ``MatrixPair/note``.
    /// - Throws: ``CheckpointError/adapterShapeMismatch(file:module:reason:)`` when a LoRA module's
    ///   shape differs from its base tensor's (a corrupt adapter, or the wrong base model).
    public static func plan(base: ModelCheckpoint, tuned: FineTuneCheckpoint, selection: MatrixSelection,
                            rewrites: [NameRewrite] = [],
                            orientationOverrides: [OrientationOverride] = []) throws -> PairingPlan {
        let context = Context(rewrites: rewrites, overrides: orientationOverrides, modelType: base.modelType)
        var pairs: [MatrixPair] = []
        var excluded: [TensorExclusion] = []
        switch tuned {
        case .full(let checkpoint):
            planFull(base: base, tuned: checkpoint, selection: selection, context: context,
                     pairs: &pairs, excluded: &excluded)
        case .lora(let adapter):
            try planLoRA(base: base, adapter: adapter, selection: selection, context: context,
                         pairs: &pairs, excluded: &excluded)
        }
        pairs.sort { $0.baseName < $1.baseName }
        excluded.sort { ($0.source, $0.name) < ($1.source, $1.name) }
        return PairingPlan(pairs: pairs, excluded: excluded)
    }

    /// ``plan(base:tuned:selection:rewrites:orientationOverrides:)`` with overrides given as
    /// (regex, orientation) pairs.
    /// - Throws: additionally ``CheckpointError/invalidPattern(pattern:reason:)`` for a bad regex.
    public static func plan(base: ModelCheckpoint, tuned: FineTuneCheckpoint, selection: MatrixSelection,
                            rewrites: [NameRewrite] = [],
                            orientationOverrides: [(pattern: String, orientation: MatrixOrientation)]) throws -> PairingPlan {
        try plan(base: base, tuned: tuned, selection: selection, rewrites: rewrites,
                 orientationOverrides: orientationOverrides.map { try OrientationOverride(pattern: $0.pattern, orientation: $0.orientation) })
    }

    /// Rewrites, overrides and the base model type, shared by the planners.
    private struct Context {
        let rewrites: [NameRewrite]
        let overrides: [OrientationOverride]
        let modelType: String?

        /// The rewritten name and the matchedBy prefix recording the rewrites that changed it.
        func rewrite(_ name: String) -> (name: String, prefix: String) {
            var current = name
            var applied: [String] = []
            for rewrite in rewrites {
                let next = rewrite.apply(current)
                if next != current { applied.append("rewritten by \"\(rewrite.spec)\"") }
                current = next
            }
            return (current, applied.map { $0 + ", " }.joined())
        }

        /// The orientation of a replacement pair for base tensor `name`.
        func orientation(_ name: String) -> MatrixOrientation {
            MatrixOrientation.resolved(tensorName: name, modelType: modelType, overrides: overrides)
        }
    }

    /// Matches rewritten tuned names; returns matches keyed by the ORIGINAL tuned name, with the
    /// rewrite prefix folded into `how`.
    private static func match(tuned: [String], base: ModelCheckpoint, context: Context) -> [String: NameMatch] {
        var original: [String: String] = [:]
        var prefixes: [String: String] = [:]
        var rewritten: [String] = []
        for name in tuned {
            let (new, prefix) = context.rewrite(name)
            guard original[new] == nil else { continue }  // two names rewritten to one: the first wins
            original[new] = name
            prefixes[name] = prefix
            rewritten.append(new)
        }
        let matcher = NameMatcher(tuned: rewritten, base: base.tensors.map(\.name))
        var result: [String: NameMatch] = [:]
        for (new, match) in matcher.matches {
            guard let name = original[new] else { continue }
            result[name] = NameMatch(baseName: match.baseName, how: (prefixes[name] ?? "") + match.how)
        }
        return result
    }

    private static func shapeMismatch(_ base: TensorInfo, _ tuned: TensorInfo) -> String {
        "shape \(base.shape) in the base but \(tuned.shape) in the fine-tuned checkpoint (\(tuned.name))"
    }

    private static func planFull(base: ModelCheckpoint, tuned: ModelCheckpoint, selection: MatrixSelection,
                                 context: Context, pairs: inout [MatrixPair], excluded: inout [TensorExclusion]) {
        let matches = match(tuned: tuned.tensors.map(\.name), base: base, context: context)
        var tunedFor: [String: (info: TensorInfo, how: String)] = [:]
        for tensor in tuned.tensors {
            if let match = matches[tensor.name] {
                tunedFor[match.baseName] = (tensor, match.how)
            } else {
                excluded.append(TensorExclusion(name: tensor.name, source: "tuned", reason: noBaseCounterpart))
            }
        }
        for baseInfo in base.tensors {
            if let reason = selection.exclusionReason(for: baseInfo) {
                excluded.append(TensorExclusion(name: baseInfo.name, source: "base", reason: reason))
                continue
            }
            guard let (tunedInfo, how) = tunedFor[baseInfo.name] else {
                excluded.append(TensorExclusion(name: baseInfo.name, source: "base", reason: absentFromTuned))
                continue
            }
            appendReplacement(base: baseInfo, tuned: tunedInfo, tunedSource: "tuned", matchedBy: how,
                              context: context, pairs: &pairs, excluded: &excluded)
        }
    }

    /// Pairs a base tensor with a full replacement tensor (a fine-tuned weight or a
    /// `modules_to_save` copy) once its shape and dtype are checked; otherwise records why not.
    private static func appendReplacement(base baseInfo: TensorInfo, tuned tunedInfo: TensorInfo,
                                          tunedSource: String, matchedBy: String, context: Context,
                                          pairs: inout [MatrixPair], excluded: inout [TensorExclusion]) {
        guard tunedInfo.shape == baseInfo.shape else {
            excluded.append(TensorExclusion(name: baseInfo.name, source: "base", reason: shapeMismatch(baseInfo, tunedInfo)))
            return
        }
        guard tunedInfo.dtype.isSupportedMatrixType else {
            excluded.append(TensorExclusion(
                name: tunedInfo.name, source: tunedSource,
                reason: "not a floating-point weight matrix (dtype \(tunedInfo.dtype.rawValue))"))
            return
        }
        pairs.append(MatrixPair(baseName: baseInfo.name, tunedName: tunedInfo.name, matchedBy: matchedBy,
                                shape: baseInfo.shape, source: .replacement(tensor: tunedInfo.name),
                                orientation: context.orientation(baseInfo.name),
                                note: MatrixPair.fusedProjectionNote(baseInfo.name)))
    }

    private static func planLoRA(base: ModelCheckpoint, adapter: LoRAAdapter, selection: MatrixSelection,
                                 context: Context, pairs: inout [MatrixPair], excluded: inout [TensorExclusion]) throws {
        let adapterFile = adapter.files.first?.path ?? adapter.path
        // Tuned-side names: module + ".weight" for LoRA modules, the stripped name for saved tensors.
        var moduleFor: [String: LoRAModule] = [:]
        for module in adapter.modules { moduleFor[module.module + ".weight"] = module }
        var savedFor: [String: TensorInfo] = [:]
        for tensor in adapter.savedTensors {
            let stripped = savedName(tensor.name)
            if moduleFor[stripped] == nil, savedFor[stripped] == nil {
                savedFor[stripped] = tensor
            } else {
                excluded.append(TensorExclusion(name: tensor.name, source: "adapter",
                                                reason: "modules_to_save tensor named like another adapted weight (\(stripped))"))
            }
        }
        let matches = match(tuned: Array(moduleFor.keys).sorted() + Array(savedFor.keys).sorted(), base: base, context: context)

        for (tunedName, module) in moduleFor.sorted(by: { $0.key < $1.key }) {
            guard let match = matches[tunedName], let baseInfo = base.info(match.baseName) else {
                excluded.append(TensorExclusion(
                    name: module.aTensor, source: "adapter",
                    reason: "\(noBaseCounterpart) (LoRA module \(module.module); is this the adapter's base model?)"))
                continue
            }
            guard baseInfo.shape == module.storageShape else {
                throw CheckpointError.adapterShapeMismatch(
                    file: adapterFile, module: module.module,
                    reason: "its factors give a [\(module.outFeatures), \(module.inFeatures)] update (stored \(module.storageShape), orientation \(module.orientation.rawValue)) but base tensor \"\(baseInfo.name)\" has shape \(baseInfo.shape)")
            }
            if let reason = selection.exclusionReason(for: baseInfo) {
                excluded.append(TensorExclusion(name: baseInfo.name, source: "base", reason: reason))
                continue
            }
            pairs.append(MatrixPair(baseName: baseInfo.name, tunedName: tunedName, matchedBy: match.how,
                                    shape: baseInfo.shape, source: .lowRank(module), orientation: module.orientation,
                                    note: MatrixPair.fusedProjectionNote(baseInfo.name)))
        }
        for (tunedName, tensor) in savedFor.sorted(by: { $0.key < $1.key }) {
            guard let match = matches[tunedName], let baseInfo = base.info(match.baseName) else {
                excluded.append(TensorExclusion(name: tensor.name, source: "adapter",
                                                reason: "\(noBaseCounterpart) (modules_to_save head)"))
                continue
            }
            if let reason = selection.exclusionReason(for: baseInfo) {
                excluded.append(TensorExclusion(name: baseInfo.name, source: "base", reason: reason))
                continue
            }
            appendReplacement(base: baseInfo, tuned: tensor, tunedSource: "adapter",
                              matchedBy: "modules_to_save, \(match.how)", context: context,
                              pairs: &pairs, excluded: &excluded)
        }
    }

    /// A saved tensor's name without `base_model.model.` and without PEFT's
    /// `modules_to_save.<adapter>.` wrapper, i.e. the name the base model uses.
    private static func savedName(_ name: String) -> String {
        var components = LoRAAdapter.stripPrefix(name).split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        if let wrapper = components.firstIndex(of: "modules_to_save"), wrapper + 2 < components.count {
            components.removeSubrange(wrapper...(wrapper + 1))
        }
        return components.joined(separator: ".")
    }
}
