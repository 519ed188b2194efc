import SpeclensCheckpoints
import SpeclensDataset

/// Plans one fine-tune against the base: the one place where selection, name matching,
/// orientation and pairing are decided.
///
/// Every base tensor the selection leaves out is listed as excluded (side `base`). For each
/// selected base matrix:
/// - **full fine-tune**: the tuned tensor matched by name replaces it; a selected matrix the
///   fine-tune lacks is excluded as ``ExclusionReason/absentFromTuned``;
/// - **LoRA adapter**: a module adapting it makes it ``MatrixUpdate/lowRank(_:_:)`` (or
///   ``MatrixUpdate/fullRankMerge(_:_:)`` for DoRA); a `modules_to_save` copy replaces it; a
///   matrix the adapter does not touch is ``MatrixUpdate/unchanged``, so that every run of a
///   sweep covers the same matrices.
///
/// A replacement must have the base shape (else the base tensor is excluded with
/// ``ExclusionReason/shapeMismatch(base:tuned:tunedName:)``) and a float dtype (else the tuned
/// tensor is excluded). Tuned tensors matching no base name, adapter modules and saved tensors
/// without a base counterpart, and adapter tensors that are neither LoRA factors nor saved
/// modules are excluded on their own side.
///
/// Names are matched by ``NameMatcher`` after the ``NameRewrite``s, in order, changed the tuned
/// names; ``MatchedBy`` records the rule and the rewrites that changed the name.
///
/// Sanity checks, before any number is computed:
/// - a full checkpoint whose files are the base's (same resolved paths, or identical bytes) is
///   refused with ``AnalysisError/runIsBase(run:base:evidence:)``;
/// - an adapter fewer than half of whose LoRA modules pair with a base tensor (judged against the
///   whole base, before the selection) is refused with
///   ``AnalysisError/adapterDoesNotFitBase(base:coverage:)``, or planned with a
///   ``RunFinding/partialMatch(_:)`` warning under ``PartialMatchPolicy/warn``;
/// - an adapter's implied width and depth (``ModelDimensions``) are compared with the base's
///   `config.json` and tensors, its declared base model name with the base's, and a LoRA run
///   whose analysed matrices are all unchanged is flagged (``RunFinding``).
struct RunPlanner {
    let base: ModelCheckpoint
    /// The base path as given, for messages.
    let basePath: String
    /// Why each base tensor is left out, by name (absent: selected).
    let baseExclusions: [String: ExclusionReason]
    let rewrites: [NameRewrite]
    let overrides: [OrientationOverride]
    let partialMatch: PartialMatchPolicy

    init(
        base: ModelCheckpoint, basePath: String? = nil, selection: MatrixSelection, rewrites: [NameRewrite],
        overrides: [OrientationOverride], partialMatch: PartialMatchPolicy = .refuse
    ) {
        self.base = base
        self.basePath = basePath ?? base.path
        self.partialMatch = partialMatch
        self.baseExclusions = selection.exclusions(of: base.tensors)
        self.rewrites = rewrites
        self.overrides = overrides
    }

    /// The selected base tensors, in file order.
    var selected: [TensorInfo] { base.tensors.filter { baseExclusions[$0.name] == nil } }

    /// Plans `checkpoint` as run `id` (opened from `path`).
    /// - Throws: ``AnalysisError/runIsBase(run:base:evidence:)`` for a full checkpoint made of the
    ///   base's files; ``AnalysisError/adapterDoesNotFitBase(base:coverage:)`` for an adapter most
    ///   of whose modules do not pair (unless partial matches are allowed);
    ///   ``CheckpointError/adapterShapeMismatch(file:module:reason:)`` when a LoRA module's shape
    ///   differs from its base tensor's (a corrupt adapter, or the wrong base model).
    func plan(_ checkpoint: FineTuneCheckpoint, id: RunID, path: String) throws -> RunPlan {
        var matrices: [String: PlannedMatrix] = [:]
        var excluded = base.tensors.compactMap { info in
            baseExclusions[info.name].map { Exclusion(name: info.name, side: .base, reason: $0) }
        }
        var findings = Self.formatNotes(base: base, checkpoint)
        let outside = baseExclusions.filter { $0.value == .outsideBlocks }.keys.sorted()
        if !outside.isEmpty { findings.append(.outsideBlocksLeftOut(outside)) }
        switch checkpoint {
        case .full(let model):
            if let evidence = try SameAsBase.evidence(base: base.files, run: model.files) {
                throw AnalysisError.runIsBase(run: path, base: basePath, evidence: evidence)
            }
            planFull(model, matrices: &matrices, excluded: &excluded)
        case .lora(let adapter):
            try planAdapter(adapter, matrices: &matrices, excluded: &excluded, findings: &findings)
        }
        excluded.sort { ($0.name, $0.side) < ($1.name, $1.side) }
        var plan = RunPlan(
            id: id, path: path, checkpoint: checkpoint, matrices: matrices, excluded: excluded, findings: findings)
        if case .lora(let adapter) = checkpoint { plan.mitigation = RunPlan.mitigationRecord(of: adapter) }
        return plan
    }

    /// Notes on checkpoint folders holding both formats, for the base and for this run.
    static func formatNotes(base: ModelCheckpoint, _ checkpoint: FineTuneCheckpoint) -> [RunFinding] {
        let (runFiles, runUnread): ([CheckpointFile], [String])
        switch checkpoint {
        case .full(let model): (runFiles, runUnread) = (model.files, model.unreadFiles)
        case .lora(let adapter): (runFiles, runUnread) = (adapter.files, adapter.unreadFiles)
        }
        func name(_ files: [CheckpointFile]) -> String {
            files.count == 1 ? String(files[0].path.split(separator: "/").last ?? "") : "\(files.count) shards"
        }
        var notes: [RunFinding] = []
        if !base.unreadFiles.isEmpty {
            notes.append(.otherFormatNotRead(checkpoint: "the base", read: name(base.files), unread: base.unreadFiles))
        }
        if !runUnread.isEmpty {
            notes.append(.otherFormatNotRead(checkpoint: "this run", read: name(runFiles), unread: runUnread))
        }
        return notes
    }

    /// A tuned-side name's base counterpart, the rule and the rewrites that changed the name.
    private struct Match {
        let baseName: String
        let rule: NameRule
        let rewrites: [String]
    }

    /// `name` after every rewrite, in order, and the specs of the rewrites that changed it.
    private func rewritten(_ name: String) -> (name: String, specs: [String]) {
        var current = name
        var specs: [String] = []
        for rewrite in rewrites {
            let next = rewrite.apply(current)
            if next != current { specs.append(rewrite.spec) }
            current = next
        }
        return (current, specs)
    }

    /// Matches rewritten tuned names; returns matches keyed by the ORIGINAL tuned name. Two names
    /// rewritten to one: the first wins.
    private func match(_ tuned: [String]) -> [String: Match] {
        var original: [String: String] = [:]
        var applied: [String: [String]] = [:]
        var rewritten: [String] = []
        for name in tuned {
            let (current, specs) = self.rewritten(name)
            guard original[current] == nil else { continue }
            original[current] = name
            applied[name] = specs
            rewritten.append(current)
        }
        let matcher = NameMatcher(tuned: rewritten, base: base.tensors.map(\.name))
        var result: [String: Match] = [:]
        for (new, match) in matcher.matches {
            guard let name = original[new] else { continue }
            result[name] = Match(baseName: match.baseName, rule: match.rule, rewrites: applied[name] ?? [])
        }
        return result
    }

    private func orientation(_ baseName: String) -> MatrixOrientation {
        OrientationRule.resolved(baseName, modelType: base.modelType, overrides: overrides)
    }

    private func planFull(
        _ model: ModelCheckpoint, matrices: inout [String: PlannedMatrix], excluded: inout [Exclusion]
    ) {
        let matches = match(model.tensors.map(\.name))
        var tunedFor: [String: (info: TensorInfo, match: Match)] = [:]
        for tensor in model.tensors {
            if let match = matches[tensor.name] {
                tunedFor[match.baseName] = (tensor, match)
            } else {
                excluded.append(Exclusion(name: tensor.name, side: .tuned, reason: .noBaseCounterpart))
            }
        }
        for baseInfo in selected {
            guard let (tunedInfo, match) = tunedFor[baseInfo.name] else {
                excluded.append(Exclusion(name: baseInfo.name, side: .base, reason: .absentFromTuned))
                continue
            }
            addReplacement(
                base: baseInfo, tuned: tunedInfo, side: .tuned, source: model,
                matchedBy: .name(match.rule, rewrites: match.rewrites), matrices: &matrices, excluded: &excluded)
        }
    }

    /// Pairs a base matrix with a full replacement (a fine-tuned weight or a `modules_to_save`
    /// copy) once its shape and dtype are checked; otherwise records why not.
    /// - Returns: whether the pair was planned.
    @discardableResult
    private func addReplacement(
        base baseInfo: TensorInfo, tuned tunedInfo: TensorInfo, side: TensorSide, source: any MatrixSource,
        matchedBy: MatchedBy, matrices: inout [String: PlannedMatrix], excluded: inout [Exclusion]
    ) -> Bool {
        guard tunedInfo.shape == baseInfo.shape else {
            excluded.append(
                Exclusion(
                    name: baseInfo.name, side: .base,
                    reason: .shapeMismatch(base: baseInfo.shape, tuned: tunedInfo.shape, tunedName: tunedInfo.name)))
            return false
        }
        guard tunedInfo.dtype.isSupportedMatrixType, let dtype = StorageDType(tunedInfo.dtype) else {
            excluded.append(Exclusion(name: tunedInfo.name, side: side, reason: .unsupportedDtype(tunedInfo.dtype)))
            return false
        }
        matrices[baseInfo.name] = PlannedMatrix(
            tunedName: tunedInfo.name, matchedBy: matchedBy, orientation: orientation(baseInfo.name),
            update: .replacement(source: source, tensor: tunedInfo.name, dtype: dtype, side: side))
        return true
    }

    private func planAdapter(
        _ adapter: LoRAAdapter, matrices: inout [String: PlannedMatrix], excluded: inout [Exclusion],
        findings: inout [RunFinding]
    ) throws {
        findings += adapter.warnings.map(RunFinding.adapter)
        let adapterFile = adapter.files.first?.path ?? adapter.path
        let (moduleFor, savedFor) = tunedNames(adapter, excluded: &excluded)
        let matches = match(moduleFor.keys.sorted() + savedFor.keys.sorted())
        let coverage = self.coverage(adapter, moduleNames: moduleFor.keys.sorted(), matches: matches)
        if !coverage.isMajority {
            guard partialMatch == .warn else {
                throw AnalysisError.adapterDoesNotFitBase(base: basePath, coverage: coverage)
            }
            findings.append(.partialMatch(coverage))
        }
        findings += dimensionFindings(adapter)

        for (tunedName, module) in moduleFor.sorted(by: { $0.key < $1.key }) {
            guard let match = matches[tunedName], let baseInfo = base.info(match.baseName) else {
                excluded.append(
                    Exclusion(
                        name: module.aTensor, side: .adapter, reason: .adapterModuleWithoutBase(module: module.module)))
                continue
            }
            guard baseInfo.shape == module.storageShape else {
                throw CheckpointError.adapterShapeMismatch(
                    file: adapterFile, module: module.module,
                    reason:
                        "its factors give a [\(module.outFeatures), \(module.inFeatures)] update (stored \(module.storageShape) in a \(module.layerKind.rawValue) layer) but base tensor \"\(baseInfo.name)\" has shape \(baseInfo.shape)"
                )
            }
            guard baseExclusions[baseInfo.name] == nil else { continue }
            matrices[baseInfo.name] = PlannedMatrix(
                tunedName: tunedName, matchedBy: .name(match.rule, rewrites: match.rewrites),
                orientation: OrientationRule.orientation(of: module.layerKind),
                update: module.isDoRA ? .fullRankMerge(adapter, module) : .lowRank(adapter, module))
        }
        var refused: Set<String> = []  // base matrices whose saved replacement was refused
        for (tunedName, tensor) in savedFor.sorted(by: { $0.key < $1.key }) {
            guard let match = matches[tunedName], let baseInfo = base.info(match.baseName) else {
                excluded.append(Exclusion(name: tensor.name, side: .adapter, reason: .savedModuleWithoutBase))
                continue
            }
            guard baseExclusions[baseInfo.name] == nil else { continue }
            let planned = addReplacement(
                base: baseInfo, tuned: tensor, side: .adapter, source: adapter,
                matchedBy: .name(match.rule, rewrites: match.rewrites, savedModule: true),
                matrices: &matrices, excluded: &excluded)
            if !planned { refused.insert(baseInfo.name) }
        }
        // A selected matrix the adapter does not change is compared as unchanged; one whose saved
        // replacement was refused (another shape, dtype) is only skipped.
        for info in selected where matrices[info.name] == nil && !refused.contains(info.name) {
            matrices[info.name] = PlannedMatrix(
                tunedName: info.name, matchedBy: .notAdapted, orientation: orientation(info.name), update: .unchanged)
        }
        excluded += adapter.otherTensors.map { Exclusion(name: $0.name, side: .adapter, reason: .notALoRAFactor) }
        let unchanged = matrices.values.allSatisfy { matrix in
            if case .unchanged = matrix.update { return true }
            return false
        }
        if !matrices.isEmpty, unchanged {
            let adapted = Set(matches.values.map(\.baseName)).count
            findings.append(.nothingAdaptedAnalysed(adaptedInBase: adapted))
        }
        if let finding = baseNameFinding(adapter) { findings.append(finding) }
    }

    /// The adapter's tensors by tuned-side name: its LoRA modules by module name + `.weight`, its
    /// saved tensors by the base-model name they replace. A saved tensor whose name another
    /// module or saved tensor already has is excluded as a name clash.
    private func tunedNames(_ adapter: LoRAAdapter, excluded: inout [Exclusion])
        -> (modules: [String: LoRAModule], saved: [String: TensorInfo])
    {
        var moduleFor: [String: LoRAModule] = [:]
        for module in adapter.modules { moduleFor[module.module + ".weight"] = module }
        var savedFor: [String: TensorInfo] = [:]
        for tensor in adapter.savedTensors {
            let modelName = LoRAAdapter.modelName(ofSavedTensor: tensor.name)
            if moduleFor[modelName] == nil, savedFor[modelName] == nil {
                savedFor[modelName] = tensor
            } else {
                excluded.append(Exclusion(name: tensor.name, side: .adapter, reason: .nameClash(modelName: modelName)))
            }
        }
        return (moduleFor, savedFor)
    }

    /// The finding that the base model the adapter declares (`base_model_name_or_path`) is none
    /// of the names the base goes by (its config's name, its path, its folder); nil when it is
    /// one of them or the adapter declares none.
    private func baseNameFinding(_ adapter: LoRAAdapter) -> RunFinding? {
        guard let declared = adapter.config.baseModelNameOrPath, !declared.isEmpty else { return nil }
        let baseName = base.config?.nameOrPath
        let folder = CheckpointPath.displayName(basePath)
        if ModelNameMatch.agrees(declared, withAnyOf: [baseName, basePath, folder].compactMap { $0 }) { return nil }
        return .baseNameDiffers(declared: declared, baseName: baseName, baseFolder: folder)
    }

    /// How many of the adapter's LoRA modules (`moduleNames`, tuned-side names with `.weight`)
    /// pair with a base tensor; when fewer than half do, also the first unmatched ones and their
    /// closest base weights (only then is there a message to write).
    private func coverage(_ adapter: LoRAAdapter, moduleNames: [String], matches: [String: Match]) -> ModuleCoverage {
        let unmatched = moduleNames.filter { matches[$0] == nil }
        guard unmatched.count * 2 > moduleNames.count else {
            return ModuleCoverage(
                adapter: adapter.path, matched: moduleNames.count - unmatched.count, total: moduleNames.count,
                unmatched: [])
        }
        let candidates = base.tensors.filter { $0.shape.count == 2 && TensorName($0.name).isWeight }.map(\.name)
        let named = unmatched.prefix(ModuleCoverage.namedLimit).map { name in
            UnmatchedModule(
                module: String(name.dropLast(".weight".count)),
                closestBaseNames: NameProximity.closest(to: rewritten(name).name, among: candidates, count: 2))
        }
        return ModuleCoverage(
            adapter: adapter.path, matched: moduleNames.count - unmatched.count, total: moduleNames.count,
            unmatched: named)
    }

    /// Width and depth of the adapter (from its modules) against the base's config and tensors.
    private func dimensionFindings(_ adapter: LoRAAdapter) -> [RunFinding] {
        let implied = ModelDimensions(
            matrices: adapter.modules.map { ($0.module + ".weight", [$0.outFeatures, $0.inFeatures]) })
        let baseShapes = ModelDimensions(matrices: base.tensors.map { ($0.name, $0.shape) })
        let config = base.config
        var findings: [RunFinding] = []
        if let hidden = implied.hiddenSize,
            (config?.hiddenSize.map { $0.value != hidden } ?? false)
                || (baseShapes.hiddenSize.map { $0 != hidden } ?? false)
        {
            findings.append(
                .hiddenSizeMismatch(adapter: hidden, config: config?.hiddenSize, shapes: baseShapes.hiddenSize))
        }
        if let layers = implied.layerCount,
            (config?.layerCount.map { $0.value < layers } ?? false)
                || (baseShapes.layerCount.map { $0 < layers } ?? false)
        {
            findings.append(
                .layerCountMismatch(adapterLayers: layers, config: config?.layerCount, shapes: baseShapes.layerCount))
        }
        return findings
    }
}
