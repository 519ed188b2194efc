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
    /// becomes a `.lowRank` pair when the base tensor passes `selection`; its base shape must be
    /// `[outFeatures, inFeatures]`, otherwise this throws. A module whose base tensor is not selected
    /// is excluded under the base tensor's name (source "base"); a module with no base tensor is
    /// excluded under its A-factor name (source "adapter"). `modules_to_save` tensors with a base
    /// counterpart are compared as `.replacement`s (matchedBy starting "modules_to_save, "), those
    /// without are excluded (source "adapter", "no counterpart in the base checkpoint
    /// (modules_to_save head)"). Base tensors the adapter does not touch are unchanged by it: they are
    /// neither pairs nor listed as excluded, which keeps the list short. The adapter's
    /// ``LoRAAdapter/otherTensors`` (e.g. LoRA biases) are not listed either: callers report them.
    /// - Throws: ``CheckpointError/adapterShapeMismatch(file:module:reason:)`` when a LoRA module's
    ///   shape differs from its base tensor's (a corrupt adapter, or the wrong base model).
    public static func plan(base: ModelCheckpoint, tuned: FineTuneCheckpoint,
                            selection: MatrixSelection) throws -> PairingPlan {
        var pairs: [MatrixPair] = []
        var excluded: [TensorExclusion] = []
        switch tuned {
        case .full(let checkpoint):
            planFull(base: base, tuned: checkpoint, selection: selection, pairs: &pairs, excluded: &excluded)
        case .lora(let adapter):
            try planLoRA(base: base, adapter: adapter, selection: selection, pairs: &pairs, excluded: &excluded)
        }
        pairs.sort { $0.baseName < $1.baseName }
        excluded.sort { ($0.source, $0.name) < ($1.source, $1.name) }
        return PairingPlan(pairs: pairs, excluded: excluded)
    }

    private static func shapeMismatch(_ base: TensorInfo, _ tuned: TensorInfo) -> String {
        "shape \(base.shape) in the base but \(tuned.shape) in the fine-tuned checkpoint (\(tuned.name))"
    }

    private static func planFull(base: ModelCheckpoint, tuned: ModelCheckpoint, selection: MatrixSelection,
                                 pairs: inout [MatrixPair], excluded: inout [TensorExclusion]) {
        let matcher = NameMatcher(tuned: tuned.tensors.map(\.name), base: base.tensors.map(\.name))
        var tunedFor: [String: (info: TensorInfo, how: String)] = [:]
        for tensor in tuned.tensors {
            if let match = matcher.matches[tensor.name] {
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
            guard tunedInfo.shape == baseInfo.shape else {
                excluded.append(TensorExclusion(name: baseInfo.name, source: "base", reason: shapeMismatch(baseInfo, tunedInfo)))
                continue
            }
            guard tunedInfo.dtype.isSupportedMatrixType else {
                excluded.append(TensorExclusion(
                    name: tunedInfo.name, source: "tuned",
                    reason: "not a floating-point weight matrix (dtype \(tunedInfo.dtype.rawValue))"))
                continue
            }
            pairs.append(MatrixPair(baseName: baseInfo.name, tunedName: tunedInfo.name, matchedBy: how,
                                    shape: baseInfo.shape, source: .replacement(tensor: tunedInfo.name)))
        }
    }

    private static func planLoRA(base: ModelCheckpoint, adapter: LoRAAdapter, selection: MatrixSelection,
                                 pairs: inout [MatrixPair], excluded: inout [TensorExclusion]) throws {
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
        let matcher = NameMatcher(tuned: Array(moduleFor.keys) + Array(savedFor.keys), base: base.tensors.map(\.name))

        for (tunedName, module) in moduleFor.sorted(by: { $0.key < $1.key }) {
            guard let match = matcher.matches[tunedName], let baseInfo = base.info(match.baseName) else {
                excluded.append(TensorExclusion(
                    name: module.aTensor, source: "adapter",
                    reason: "\(noBaseCounterpart) (LoRA module \(module.module); is this the adapter's base model?)"))
                continue
            }
            guard baseInfo.shape == [module.outFeatures, module.inFeatures] else {
                throw CheckpointError.adapterShapeMismatch(
                    file: adapterFile, module: module.module,
                    reason: "its factors give a [\(module.outFeatures), \(module.inFeatures)] update but base tensor \"\(baseInfo.name)\" has shape \(baseInfo.shape)")
            }
            if let reason = selection.exclusionReason(for: baseInfo) {
                excluded.append(TensorExclusion(name: baseInfo.name, source: "base", reason: reason))
                continue
            }
            pairs.append(MatrixPair(baseName: baseInfo.name, tunedName: tunedName, matchedBy: match.how,
                                    shape: baseInfo.shape, source: .lowRank(module)))
        }
        for (tunedName, tensor) in savedFor.sorted(by: { $0.key < $1.key }) {
            guard let match = matcher.matches[tunedName], let baseInfo = base.info(match.baseName) else {
                excluded.append(TensorExclusion(name: tensor.name, source: "adapter",
                                                reason: "\(noBaseCounterpart) (modules_to_save head)"))
                continue
            }
            if let reason = selection.exclusionReason(for: baseInfo) {
                excluded.append(TensorExclusion(name: baseInfo.name, source: "base", reason: reason))
                continue
            }
            guard tensor.shape == baseInfo.shape else {
                excluded.append(TensorExclusion(name: baseInfo.name, source: "base", reason: shapeMismatch(baseInfo, tensor)))
                continue
            }
            guard tensor.dtype.isSupportedMatrixType else {
                excluded.append(TensorExclusion(
                    name: tensor.name, source: "adapter",
                    reason: "not a floating-point weight matrix (dtype \(tensor.dtype.rawValue))"))
                continue
            }
            pairs.append(MatrixPair(baseName: baseInfo.name, tunedName: tensor.name,
                                    matchedBy: "modules_to_save, \(match.how)", shape: baseInfo.shape,
                                    source: .replacement(tensor: tensor.name)))
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
