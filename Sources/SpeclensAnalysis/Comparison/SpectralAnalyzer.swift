import Foundation
import SpeclensCheckpoints
import SpeclensDataset
import SpeclensLinearAlgebra

/// The analysis stage: plans per-matrix jobs (``AnalysisPlan``), runs them in parallel (each
/// holding one matrix at a time, so memory does not grow with model size), and assembles the
/// dataset. Progress is reported as typed ``AnalysisProgress`` events; how to show them is the
/// caller's business.
public struct SpectralAnalyzer: Sendable {
    /// Settings recorded in the dataset and used by every job.
    public let parameters: AnalysisParameters
    /// Number of matrices decomposed at the same time.
    public let workers: Int
    /// Called after each finished matrix.
    public let progress: (@Sendable (AnalysisProgress) -> Void)?
    /// Where base decompositions are kept between analyses; nil computes every one.
    public var baseCache: DecompositionCache?
    /// Bytes the running matrix jobs may hold together by their estimates (``JobAdmission``);
    /// nil for no limit.
    public var memoryLimit: Int?
    /// Analyse full fine-tunes that ``RelatednessCheck`` finds unrelated to the base.
    public var allowUnrelated = false
    /// Receives ``ResourceNotice``s (a job larger than the memory limit) before the jobs run.
    public var notice: (@Sendable (ResourceNotice) -> Void)?

    /// - Parameters:
    ///   - parameters: k, ε, grid, N, side and the selection patterns (validated here).
    ///   - workers: concurrent matrix jobs (default: the number of processor cores).
    ///   - progress: receives a report after each matrix.
    public init(
        parameters: AnalysisParameters,
        workers: Int = ProcessInfo.processInfo.activeProcessorCount,
        progress: (@Sendable (AnalysisProgress) -> Void)? = nil
    ) throws {
        try Self.validate(parameters)
        self.parameters = parameters
        self.workers = max(1, workers)
        self.progress = progress
    }

    /// Which base tensors the parameters select.
    var selection: MatrixSelection {
        get throws {
            try MatrixSelection(
                include: parameters.include, exclude: parameters.exclude,
                includeEmbeddings: parameters.includeEmbeddings, includeHeads: parameters.includeHeads)
        }
    }

    /// Analyses `tunedPaths` against `basePath` and returns the dataset.
    /// - Parameters:
    ///   - adapterConfig: `adapter_config.json` for tuned paths that are bare adapter
    ///     `.safetensors` files.
    ///   - shard: `(index, count)` to analyse only the jobs at positions `index, index + count, …`
    ///     of the name-sorted job list (`0 <= index < count`); the dataset is then marked as
    ///     that shard, for `ShardMerge`.
    ///   - partialMatch: what to do with an adapter most of whose modules do not pair with the base.
    /// - Throws: the errors of planning (``AnalysisPlan``) and of the matrix jobs; for a complete
    ///   (unsharded) analysis also ``UnchangedRunCheck``'s: a full fine-tune equal to the base in
    ///   every analysed matrix.
    public func analyze(
        basePath: String, tunedPaths: [String], adapterConfig: String? = nil,
        shard: (index: Int, count: Int)? = nil, partialMatch: PartialMatchPolicy = .refuse
    ) throws -> SpectralDataset {
        try analyze(
            basePath: basePath, runs: tunedPaths.map(RunSpec.init(path:)), adapterConfig: adapterConfig, shard: shard,
            partialMatch: partialMatch)
    }

    /// Analyses the runs of an experiment (``RunSpec``s from a manifest, or plain paths) against
    /// `basePath`; see ``analyze(basePath:tunedPaths:adapterConfig:shard:partialMatch:)``.
    /// - Parameters:
    ///   - journal: an ``AnalysisJournal`` file to record each finished matrix job in, and to
    ///     resume from when it holds jobs of this same analysis (the caller removes it once the
    ///     dataset is written).
    ///   - freshJournal: start the journal anew, ignoring what it holds.
    ///   - interruption: once requested, no further job starts; the analysis then throws
    ///     ``AnalysisError/interrupted(finished:total:journal:)``.
    /// - Throws: also ``AnalysisError/journalMismatch(journal:field:journalValue:currentValue:)``
    ///   for a journal of another analysis (nothing is analysed then).
    public func analyze(
        basePath: String, runs: [RunSpec], adapterConfig: String? = nil,
        shard: (index: Int, count: Int)? = nil, partialMatch: PartialMatchPolicy = .refuse,
        journal journalPath: String? = nil, freshJournal: Bool = false, interruption: AnalysisInterruption? = nil
    ) throws -> SpectralDataset {
        if let shard, !(shard.count >= 1 && (0..<shard.count).contains(shard.index)) {
            throw AnalysisError.invalidParameter(
                name: "shard", value: "\(shard.index)/\(shard.count)",
                allowed: "I/N needs N >= 1 and 0 <= I < N")
        }
        let plan = try AnalysisPlan(
            basePath: basePath, runs: runs, selection: selection,
            rewrites: try parameters.nameRewrites.map(NameRewrite.init),
            orientationOverrides: try parameters.orientationOverrides.map(OrientationOverride.init),
            adapterConfig: adapterConfig, partialMatch: partialMatch)
        if !allowUnrelated { try RelatednessCheck.verify(plan) }
        let sample = WholeSpectrumSample.names(plan.jobs.map(\.name), parameters: parameters)
        let controlled = ControlSample.names(plan.jobs.map(\.name), parameters: parameters)
        let planned = plan.jobs.map { job in
            var job = job
            job.wholeSpectrum = sample.contains(job.name)
            job.controlled = controlled.contains(job.name)
            return job
        }
        let jobs =
            shard.map { shard in
                planned.enumerated().filter { $0.offset % shard.count == shard.index }.map(\.element)
            } ?? planned
        let shardRecord = shard.map { ShardRecord(index: $0.index, count: $0.count, totalMatrices: plan.jobs.count) }
        var identity = assemble(plan, results: [])
        identity.shard = shardRecord
        let journal = try journalPath.map { try AnalysisJournal(path: $0, identity: identity, fresh: freshJournal) }
        // The probe belongs to the whole analysis: an unsplit run or shard 0 computes it.
        let probe = shard == nil || shard?.index == 0 ? try self.probe(plan) : nil
        let reusable = Set(
            jobs.filter { job in
                guard let recorded = journal?.finishedInputs[job.name] else { return false }
                return (try? job.inputFingerprint()) == recorded
            }.map(\.name))
        let earlier = jobs.filter { reusable.contains($0.name) }.compactMap { journal?.finished[$0.name] }
        let remaining = jobs.filter { !reusable.contains($0.name) }
        let results: [MatrixJobResult]
        do {
            results =
                earlier + (try execute(remaining, journal: journal, interruption: interruption, done: earlier.count))
        } catch AnalysisError.interrupted {
            throw AnalysisError.interrupted(finished: journal?.jobCount ?? 0, total: jobs.count, journal: journal?.path)
        }
        var dataset = assemble(plan, results: results)
        dataset.shard = shardRecord
        dataset.probe = probe
        if shard == nil { try UnchangedRunCheck.verify(dataset) }
        return dataset
    }

    /// The random-direction probe on `parameters.probeMatrices` base matrices spread evenly over
    /// the name-sorted jobs; nil when off.
    func probe(_ plan: AnalysisPlan) throws -> ProbeRecord? {
        let count = min(parameters.probeMatrices, plan.jobs.count)
        guard count > 0 else { return nil }
        let probe = RandomDirectionProbe(parameters: parameters)
        let chosen = Set((0..<count).map { $0 * plan.jobs.count / count }).sorted().map { plan.jobs[$0] }
        let matrices = try chosen.map { job in
            let stored = try job.base.matrix(job.name)
            let w0 = job.orientation.transposed ? stored.transposed() : stored
            return try probe.probe(name: job.name, w0: w0, decomposition: try baseDecomposition(of: w0, job: job))
        }
        return ProbeRecord(lambdas: RandomDirectionProbe.lambdas, matrices: matrices)
    }

    /// Runs `jobs` (all or a subset of a plan's jobs) and returns their results in the same order.
    ///
    /// Several workers decompose matrices at the same time (``JobScheduler``, ``JobAdmission``);
    /// each job sets OpenBLAS to the thread count of its shape (``BLASThreadRule``), which keeps
    /// results bit-identical whatever the worker count. Callers restore OpenBLAS's setting after
    /// (``OpenBLASRuntime/withThreads(_:_:)``).
    func execute(_ jobs: [MatrixJob]) throws -> [MatrixJobResult] {
        try execute(jobs, journal: nil, interruption: nil, done: 0)
    }

    /// Runs `jobs`, recording each finished one in `journal`, starting none once `interruption`
    /// is requested (then throwing ``AnalysisError/interrupted(finished:total:journal:)``);
    /// progress counts `done` jobs finished earlier.
    func execute(
        _ jobs: [MatrixJob], journal: AnalysisJournal?, interruption: AnalysisInterruption?, done: Int
    ) throws -> [MatrixJobResult] {
        let demands = jobs.map(\.demand)
        let scheduler = JobScheduler<MatrixJobResult>(costs: jobs.map(\.estimatedCost), demands: demands)
        let admission = JobAdmission(workers: workers, memoryLimit: memoryLimit)
        for (job, demand) in zip(jobs, demands) where admission.exceedsAlone(demand) {
            notice?(.runsAlone(matrix: job.name, estimatedBytes: demand.bytes, memoryLimit: memoryLimit ?? 0))
        }
        let totalCost = jobs.reduce(0) { $0 + $1.estimatedCost }
        let start = Date()
        let progress = self.progress
        return try scheduler.run(
            admission: admission,
            work: { index in
                if interruption?.isRequested == true {
                    throw AnalysisError.interrupted(finished: 0, total: jobs.count, journal: nil)
                }
                // The inputs' fingerprint, taken as the job starts reading them.
                let inputs = try journal.map { _ in try jobs[index].inputFingerprint() }
                let result = try self.run(jobs[index])
                if let journal, let inputs { try journal.record(jobs[index].name, result, inputs: inputs) }
                return result
            },
            finished: { index, completed, costDone in
                guard let progress else { return }
                let elapsed = Date().timeIntervalSince(start)
                let remaining = costDone > 0 ? elapsed * (totalCost - costDone) / costDone : 0
                progress(
                    AnalysisProgress(
                        completed: done + completed, total: done + jobs.count, matrix: jobs[index].name,
                        elapsedSeconds: elapsed, estimatedRemainingSeconds: remaining))
            })
    }

    /// Runs one job: reads and decomposes the base matrix once, then compares it with each run
    /// that includes it. Matrices stored `[in, out]` (Conv1D) or as `[vocab, dim]` tables are
    /// transposed first, so that rows are always the layer's output space.
    ///
    /// A damaged matrix (NaN or infinite values, an SVD that does not converge) does not stop
    /// the analysis: it is recorded in ``MatrixJobResult/damaged`` (for every run when it is the
    /// base matrix, else for the run whose tensor it is). Other errors (a damaged file) throw.
    func run(_ job: MatrixJob) throws -> MatrixJobResult {
        let analysis = MatrixComparisonAnalysis(parameters: parameters)
        let orientation = job.orientation
        let stored: Matrix
        let w0: Matrix
        let decomposition: SingularValueDecomposition
        do {
            stored = try WeightRange.checked(try job.base.matrix(job.name), tensor: job.name)
            w0 = orientation.transposed ? stored.transposed() : stored
            decomposition = try baseDecomposition(of: w0, job: job)
        } catch let error {
            guard let reason = Self.damage(error) else { throw error }
            let exclusion = Exclusion(name: job.name, side: .base, reason: reason)
            return MatrixJobResult(
                base: nil, comparisons: [:],
                damaged: Dictionary(uniqueKeysWithValues: job.runs.map { ($0.id, exclusion) }))
        }
        let record = analysis.baseRecord(
            name: job.name, storedShape: stored.shape, orientation: orientation, note: job.note,
            matrix: w0, decomposition: decomposition, dtype: job.baseDType)
        var comparisons: [RunID: MatrixComparison] = [:]
        var damaged: [RunID: Exclusion] = [:]
        var againstPrevious: [RunID: MatrixComparison] = [:]
        for (id, planned) in job.runs {
            do {
                let tuned = try Self.load(planned.update, base: stored, orientation: orientation)
                let controls =
                    parameters.nullControls && job.controlled
                    ? NullControlPlan(run: id.rawValue, matrix: job.name, lowRank: planned.update.loraRank) : nil
                let comparison = try analysis.compare(
                    name: job.name, base: w0, decomposition: decomposition,
                    baseFrobenius: record.frobeniusNorm, baseDType: job.baseDType, tuned: tuned,
                    tunedName: planned.tunedName, matchedBy: planned.matchedBy, controls: controls,
                    wholeSpectrum: job.wholeSpectrum)
                // A stack step from the second on: also against the previous step's weights.
                againstPrevious[id] = try planned.previousStep.map { step in
                    try PreviousStepAnalysis(analysis: analysis).compare(
                        name: job.name, planned: planned, step: step, stored: stored, w0: w0,
                        decomposition: decomposition,
                        baseDType: job.baseDType, orientation: orientation, wholeSpectrum: job.wholeSpectrum)
                }
                comparisons[id] = comparison
            } catch let error {
                guard let reason = Self.damage(error) else { throw error }
                damaged[id] = Exclusion(
                    name: Self.damagedTensor(error) ?? planned.tunedName, side: planned.side, reason: reason)
            }
        }
        var result = MatrixJobResult(base: record, comparisons: comparisons, damaged: damaged)
        result.againstPreviousStep = againstPrevious.isEmpty ? nil : againstPrevious
        return result
    }

    /// The exclusion reason of an error that damages one matrix only; nil for any other error.
    static func damage(_ error: any Error) -> ExclusionReason? {
        switch error {
        case CheckpointError.nonFiniteValues(_, _, let count, _):
            return .nonFinite(count: count)
        case AnalysisError.valuesOutOfRange(_, let count, let largest):
            return .outOfRange(count: count, largest: largest)
        case AnalysisError.nonFiniteMatrix(_, let count):
            return .nonFinite(count: count)
        case AnalysisError.lapackFailure(let routine, let info, _) where info > 0:
            return .decompositionFailed(routine: routine, info: info)
        default:
            return nil
        }
    }

    /// The tensor named by a damage error, when it names one.
    static func damagedTensor(_ error: any Error) -> String? {
        switch error {
        case CheckpointError.nonFiniteValues(_, let tensor, _, _), AnalysisError.valuesOutOfRange(let tensor, _, _):
            return tensor
        default:
            return nil
        }
    }

    /// Puts job results together into the dataset, with per-run totals; the exclusions of the
    /// plan and the damage found while analysing are each run's `skipped` list.
    func assemble(_ plan: AnalysisPlan, results: [MatrixJobResult]) -> SpectralDataset {
        let ordered = results.sorted { ($0.base?.name ?? "") < ($1.base?.name ?? "") }
        let runs = plan.runs.map { run in
            let matrices = ordered.compactMap { $0.comparisons[run.id] }
            let excluded = (run.excluded + ordered.compactMap { $0.damaged[run.id] })
                .sorted { ($0.name, $0.side) < ($1.name, $1.side) }
            return FineTuneRun(
                id: run.id, path: run.path, kind: run.kind, lora: run.loraRecord,
                summary: RunSummary(
                    matrices: matrices, epsilon: parameters.epsilon, epsilonGrid: parameters.epsilonGrid),
                matrices: matrices, skipped: excluded.map(\.record), warnings: run.warnings,
                notes: run.notes.isEmpty ? nil : run.notes, label: run.spec.label, tags: run.tags,
                metrics: run.spec.metrics.isEmpty ? nil : run.spec.metrics, color: run.spec.color, stack: run.stack,
                mitigation: run.mitigation,
                againstPreviousStep: run.previousStep.map { previous in
                    StepComparison(
                        previous: previous, matrices: ordered.compactMap { $0.againstPreviousStep?[run.id] },
                        epsilon: parameters.epsilon, epsilonGrid: parameters.epsilonGrid)
                })
        }
        let base = BaseModelRecord(
            path: plan.basePath, name: CheckpointPath.displayName(plan.basePath),
            files: plan.base.files.map { FileRecord(path: $0.path, bytes: $0.bytes) },
            matrices: ordered.compactMap(\.base))
        return SpectralDataset(tool: ToolInfo(), parameters: parameters, base: base, runs: runs)
    }

    /// Reads one run's fine-tuned weights for a matrix, in the analysis orientation.
    /// - Parameters:
    ///   - base: the base matrix as stored (DoRA's merge needs it).
    ///   - orientation: the job's orientation; stored tensors are transposed when it says so.
    static func load(_ update: MatrixUpdate, base: Matrix, orientation: MatrixOrientation) throws -> TunedWeights {
        let oriented = { (m: Matrix) in orientation.transposed ? m.transposed() : m }
        switch update {
        case .unchanged:
            return .unchanged
        case .replacement(let source, let tensor, let dtype, _):
            return .replacement(
                oriented(try WeightRange.checked(try source.matrix(tensor), tensor: tensor)), dtype: dtype)
        case .fullRankMerge(let adapter, let module):
            // speclens computes the merge and rounds it to float32.
            return .replacement(oriented(try adapter.mergedWeight(module, base: base)), dtype: .f32)
        case .lowRank(let adapter, let module):
            let (b, a) = try orientedFactors(adapter, module, transposed: orientation.transposed)
            return .lowRank(b: b, a: a, scale: module.scale)
        case .sequence(let updates):
            // All low-rank: the sum is low-rank too, with the factors side by side (scales folded
            // into B), and its spectrum stays exact.
            let lowRank = updates.compactMap { update -> (LoRAAdapter, LoRAModule)? in
                if case .lowRank(let adapter, let module) = update { return (adapter, module) }
                return nil
            }
            if lowRank.count == updates.count {
                var bs: [Matrix] = []
                var as_: [Matrix] = []
                for (adapter, module) in lowRank {
                    var (b, a) = try orientedFactors(adapter, module, transposed: orientation.transposed)
                    for index in b.values.indices { b.values[index] *= Float(module.scale) }
                    bs.append(b)
                    as_.append(a)
                }
                return .lowRank(b: Matrix(sideBySide: bs), a: Matrix(stacked: as_), scale: 1)
            }
            // Otherwise merge one update after the other on the stored weight, in float32.
            var current = base
            for update in updates { current = try applied(update, to: current) }
            return .replacement(oriented(current), dtype: .f32)
        }
    }

    /// A LoRA module's factors `(B, A)` with `ΔW = s·B·A` in analysis orientation: as the layer
    /// stores them, or flipped (`(s·B·A)ᵀ = s·Aᵀ·Bᵀ`) when the analysis orientation differs.
    static func orientedFactors(_ adapter: LoRAAdapter, _ module: LoRAModule, transposed: Bool) throws -> (
        b: Matrix, a: Matrix
    ) {
        let (a, b) = try adapter.factors(module)
        _ = try WeightRange.checked(a, tensor: module.aTensor)
        _ = try WeightRange.checked(b, tensor: module.bTensor)
        if module.layerKind.storedTransposed == transposed { return (b, a) }
        return (a.transposed(), b.transposed())
    }

    /// `stored` (a weight as stored) with `update` applied, as stored.
    static func applied(_ update: MatrixUpdate, to stored: Matrix) throws -> Matrix {
        switch update {
        case .unchanged:
            return stored
        case .replacement(let source, let tensor, _, _):
            return try source.matrix(tensor)
        case .fullRankMerge(let adapter, let module):
            return try adapter.mergedWeight(module, base: stored)
        case .lowRank(let adapter, let module):
            let (b, a) = try orientedFactors(adapter, module, transposed: false)  // as stored
            return MatrixComparisonAnalysis.merge(base: stored, b: b, a: a, scale: module.scale)
        case .sequence(let updates):
            return try updates.reduce(stored) { try applied($1, to: $0) }
        }
    }

    static func validate(_ p: AnalysisParameters) throws {
        guard p.topK >= 1 else {
            throw AnalysisError.invalidParameter(
                name: "top-k", value: "\(p.topK)", allowed: "must be at least 1")
        }
        guard p.similarityTopN >= 1 else {
            throw AnalysisError.invalidParameter(
                name: "similarity size", value: "\(p.similarityTopN)", allowed: "must be at least 1")
        }
        guard p.probeMatrices >= 0 else {
            throw AnalysisError.invalidParameter(
                name: "probe matrices", value: "\(p.probeMatrices)", allowed: "must be 0 (off) or more")
        }
        guard p.controlFraction > 0, p.controlFraction <= 1 else {
            throw AnalysisError.invalidParameter(
                name: "control fraction", value: "\(p.controlFraction)", allowed: "must be in (0, 1]")
        }
        guard p.spectrumBuckets >= 0 else {
            throw AnalysisError.invalidParameter(
                name: "spectrum buckets", value: "\(p.spectrumBuckets)",
                allowed: "must be 0 (off) or more")
        }
        for epsilon in [p.epsilon] + p.epsilonGrid where !(epsilon > 0 && epsilon <= 1) {
            throw AnalysisError.invalidParameter(
                name: "epsilon", value: "\(epsilon)", allowed: "must be in (0, 1]")
        }
    }
}
