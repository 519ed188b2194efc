import ArgumentParser
import Foundation
import SpeclensAnalysis
import SpeclensDataset
import SpeclensLinearAlgebra
import SpeclensReport

/// Wires the stages together for the commands.
enum Pipeline {
    /// Analyses `runs` against `base` as `setup` asks; `cache` keeps base decompositions between
    /// runs (nil: compute every one).
    static func analyze(
        base: String, runs: [RunSpec], setup: AnalysisSetup,
        shard: (index: Int, count: Int)? = nil, journal: (path: String, fresh: Bool)? = nil,
        interruption: AnalysisInterruption? = nil, cache: DecompositionCache? = nil
    ) throws -> SpectralDataset {
        let progress = TerminalProgress()
        var analyzer = try SpectralAnalyzer(
            parameters: setup.parameters, workers: setup.workers,
            progress: { progress.report($0) })
        analyzer.baseCache = cache
        analyzer.memoryLimit = setup.memoryLimit
        analyzer.allowUnrelated = setup.allowUnrelated
        analyzer.notice = { say(describe($0)) }
        // Parallel over whole matrices; each job sets the BLAS threads of its shape (BLASThreadRule).
        let dataset = try OpenBLASRuntime.withThreads(1) {
            try analyzer.analyze(
                basePath: base, runs: runs, adapterConfig: setup.adapterConfig, shard: shard,
                partialMatch: setup.partialMatch, journal: journal?.path, freshJournal: journal?.fresh ?? false,
                interruption: interruption)
        }
        for run in dataset.runs {
            for warning in run.warnings { say("warning: run \(run.id): \(warning)") }
            for note in run.notes ?? [] { say("note: run \(run.id): \(note)") }
        }
        if let note = selectionNote(dataset) { say("note: \(note)") }
        for matrix in dataset.probe?.matrices ?? [] {
            let first = zip(dataset.probe?.lambdas ?? [], matrix.intruders).first { $0.1 > 0 }?.0
            say(
                "probe: \(matrix.name): a random rank-one update "
                    + (first.map { "becomes an intruder at λ = \($0)·σ_max" } ?? "stays below ε up to λ = 4·σ_max"))
        }
        if let line = KernelOptions.line { say(line) }
        if let cache, let summary = CacheOptions.summary(cache) { say(summary) }
        return dataset
    }

    /// A ``ResourceNotice`` for the user.
    static func describe(_ notice: ResourceNotice) -> String {
        switch notice {
        case .runsAlone(let matrix, let estimated, let limit):
            return
                "warning: \(matrix) needs about \(ByteSize(bytes: estimated).description) by its estimate, more than "
                + "--max-memory \(ByteSize(bytes: limit).description); it runs alone, and may exceed the limit"
        }
    }

    /// Renders the site and/or the single file `options` ask for, read at `epsilons` (nil: the
    /// analysis ε); `datasetFile` (the dataset's bytes) is written into the site as `dataset.json`
    /// when given.
    static func render(
        _ dataset: SpectralDataset, options: ReportCommandOptions, readingAt epsilons: ReadingEpsilons?,
        datasetFile: Data?
    ) throws {
        let generator = SiteGenerator(options: options.options(readingAt: epsilons))
        if let folder = options.siteFolder {
            let extra = datasetFile.map { ["dataset.json": $0] } ?? [:]
            let written = try generator.generate(
                dataset, into: folder, adding: extra, allowForeignFolder: options.force)
            let index = URL(fileURLWithPath: folder).appending(path: "index.html").path
            say("wrote \(written.count) files to \(folder); open \(index)")
        }
        if let path = options.singleFile {
            let bytes = try generator.generateSingleFile(dataset, to: path)
            say("wrote single-file report \(path) (\(bytes) bytes)")
        }
    }

    /// What the default selection left out that a flag would add, e.g. `2 embedding tables were
    /// not analysed (add --include-embeddings)`; nil when nothing was.
    static func selectionNote(_ dataset: SpectralDataset) -> String? {
        var notes: [String] = []
        let leftOut = dataset.runs.flatMap(\.skipped).filter { $0.source == .base }
        func count(_ reason: SkipReason) -> Int { Set(leftOut.filter { $0.reasonCode == reason }.map(\.name)).count }
        let embeddings = count(.embeddingNotSelected)
        let heads = count(.headNotSelected)
        let outside = count(.outsideBlocks)
        if embeddings > 0 {
            notes.append("\(embeddings) embedding table(s) were not analysed (add --include-embeddings)")
        }
        if heads > 0 { notes.append("\(heads) output or task head(s) were not analysed (add --include-heads)") }
        if outside > 0 {
            notes.append(
                "\(outside) projection(s) outside the repeated blocks (e.g. a pooler) were not analysed (add --include-heads)"
            )
        }
        return notes.isEmpty ? nil : notes.joined(separator: "; ")
    }

    /// One line for the user on standard error (standard output stays free for data).
    static func say(_ line: String) {
        FileHandle.standardError.write(Data("speclens: \(TerminalText.printable(line))\n".utf8))
    }

    /// The ε's of the summary: `epsilons` when more than one was asked for, else the analysis ε
    /// with 0.5, 0.7 and 0.9 (ascending): the curve, since the count at one ε can hide the
    /// difference between runs.
    static func summaryEpsilons(_ dataset: SpectralDataset, asked epsilons: ReadingEpsilons?) -> [Double] {
        if let epsilons, epsilons.values.count > 1 { return epsilons.values }
        return Set([dataset.parameters.epsilon, 0.5, 0.7, 0.9]).sorted()
    }

    /// The summary: matrices, then per run (by label) its intruders at each ε of `epsilons`
    /// counted from the stored max |cos| (with the isotropic null control's counts on the same
    /// matrices), and its mean effective rank, marked when it sits near the storage resolution.
    /// One line for the totals, then one line per run.
    static func describe(_ dataset: SpectralDataset, epsilons: [Double]) -> [String] {
        let header = epsilons.map { EpsilonLabel.text($0) }.joined(separator: " / ")
        var lines = [
            "\(dataset.base.matrices.count) matrices; intruders among the top \(dataset.parameters.topK) "
                + "vectors per matrix, summed, at ε = \(header) (analysed at ε = \(EpsilonLabel.text(dataset.parameters.epsilon))):"
        ]
        for run in dataset.runs {
            let rank = run.summary.meanEffectiveRank.map { String(format: "%.1f", $0) } ?? "n/a"
            var text =
                "  \(run.displayLabel): "
                + epsilons.map { String(run.intruders(atEpsilon: $0)) }.joined(separator: " / ")
            let controlled = run.matrices.compactMap { matrix in
                matrix.nullControls?.first { $0.kind == .isotropic }.map { (matrix, $0) }
            }
            if !controlled.isEmpty {
                let counts = epsilons.map { epsilon in
                    controlled.reduce(0) { $0 + $1.1.intruders(atEpsilon: epsilon) }
                }.map(String.init).joined(separator: " / ")
                let changed = run.matrices.filter(\.changed).count
                if controlled.count < changed {
                    // A sampled control: compare with the run's own count on the same matrices.
                    let own = epsilons.map { epsilon in
                        controlled.reduce(0) { $0 + $1.0.intruders(atEpsilon: epsilon) }
                    }.map(String.init).joined(separator: " / ")
                    text +=
                        " (isotropic null control on \(controlled.count) of \(changed) changed matrices: \(counts), "
                        + "the run's own there: \(own))"
                } else {
                    text += " (isotropic null control: \(counts))"
                }
            }
            text += "; mean effective rank \(rank)"
            if run.summary.nearStorageResolution == true {
                text +=
                    " (near storage resolution: \(run.summary.nearStorageResolutionMatrices ?? 0) of "
                    + "\(run.summary.analysedMatrices - run.summary.unchangedMatrices) changed matrices; the rank depends on the rounding floor)"
            }
            lines.append(text)
        }
        return lines
    }

    /// Prints `describe` after `what` (e.g. `wrote dataset.json`).
    static func sayDescription(_ what: String, _ dataset: SpectralDataset, asked epsilons: ReadingEpsilons?) {
        let lines = describe(dataset, epsilons: summaryEpsilons(dataset, asked: epsilons))
        say("\(what): \(lines[0])")
        for line in lines.dropFirst() { say(line) }
        let epsilon = epsilons?.values.first ?? dataset.parameters.epsilon
        for run in dataset.runs {
            guard let concentration = IntruderConcentration.of(run, atEpsilon: epsilon) else { continue }
            say("warning: run \(run.displayLabel): " + concentration.sentence(epsilonText: EpsilonLabel.text(epsilon)))
        }
    }

    /// Exit status of a command that wrote its output but left matrices out because of what the
    /// files hold (NaN or infinite values, an SVD that did not converge, a fine-tuned tensor of
    /// another shape than the base's); 0 is success, 1 an error.
    static let partialStatus: Int32 = 3

    /// After the output is written: lists the matrices left out because of what the files hold
    /// and ends with ``partialStatus`` if there are any.
    static func finish(_ dataset: SpectralDataset) throws {
        let partial = dataset.runs.flatMap { run in
            run.skipped.filter { $0.reasonCode?.leavesRunPartial == true }.map { (run.id, $0) }
        }
        guard !partial.isEmpty else { return }
        say(
            "warning: \(partial.count) matrix comparison(s) were left out because a matrix is damaged or its shape differs from "
                + "the base's; the rest was analysed:")
        for (run, skipped) in partial {
            say("  run \(run): \(skipped.name) (\(skipped.source.rawValue)): \(skipped.reason)")
        }
        throw ExitCode(partialStatus)
    }
}
