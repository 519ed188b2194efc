import ArgumentParser
import Foundation
import SpeclensAnalysis
import SpeclensDataset
import SpeclensReport

/// Wires the stages together for the commands.
enum Pipeline {
    static func analyze(
        base: String, runs: [RunSpec], options: AnalysisOptions,
        shard: (index: Int, count: Int)? = nil, journal: (path: String, fresh: Bool)? = nil,
        interruption: AnalysisInterruption? = nil
    ) throws -> SpectralDataset {
        let progress = TerminalProgress()
        let analyzer = try SpectralAnalyzer(
            parameters: options.parameters,
            workers: options.workers ?? ProcessInfo.processInfo.activeProcessorCount,
            progress: { progress.report($0) })
        // Parallel over whole matrices, one BLAS thread each (also keeps results bit-identical).
        let dataset = try OpenBLASRuntime.withThreads(1) {
            try analyzer.analyze(
                basePath: base, runs: runs, adapterConfig: options.adapterConfig, shard: shard,
                partialMatch: options.partialMatch, journal: journal?.path, freshJournal: journal?.fresh ?? false,
                interruption: interruption)
        }
        for run in dataset.runs {
            for warning in run.warnings { say("warning: run \(run.id): \(warning)") }
            for note in run.notes ?? [] { say("note: run \(run.id): \(note)") }
        }
        if let note = selectionNote(dataset) { say("note: \(note)") }
        if let hint = OpenBLASRuntime.kernelHint() { say("note: \(hint)") }
        return dataset
    }

    /// Renders the site and/or the single file `options` ask for; `datasetFile` (the dataset's
    /// bytes) is written into the site as `dataset.json` when given.
    static func render(_ dataset: SpectralDataset, options: ReportCommandOptions, datasetFile: Data?)
        throws
    {
        let generator = SiteGenerator(options: options.options)
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
        let embeddings = count(.embeddingNotSelected), heads = count(.headNotSelected)
        if embeddings > 0 { notes.append("\(embeddings) embedding table(s) were not analysed (add --include-embeddings)") }
        if heads > 0 { notes.append("\(heads) output or task head(s) were not analysed (add --include-heads)") }
        return notes.isEmpty ? nil : notes.joined(separator: "; ")
    }

    /// One line for the user on standard error (standard output stays free for data).
    static func say(_ line: String) {
        FileHandle.standardError.write(Data("speclens: \(TerminalText.printable(line))\n".utf8))
    }

    /// A one-line summary: matrices and, per run, intruders at ε (with the isotropic null
    /// control's count on the same matrices) and mean effective rank, marked when it sits near
    /// the storage resolution.
    static func describe(_ dataset: SpectralDataset) -> String {
        let epsilon = dataset.parameters.epsilon
        let runs = dataset.runs.map { run in
            let rank = run.summary.meanEffectiveRank.map { String(format: "%.1f", $0) } ?? "n/a"
            var text = "\(run.id): \(run.summary.intruders) intruders at ε = \(EpsilonLabel.text(epsilon))"
            let controls = run.matrices.compactMap { $0.nullControls?.first { $0.kind == .isotropic } }
            if !controls.isEmpty {
                let count = controls.reduce(0) { $0 + $1.maxCosineTopK.filter { Double($0) < epsilon }.count }
                text += " (isotropic null control: \(count))"
            }
            text += ", mean effective rank \(rank)"
            if run.summary.nearStorageResolution == true {
                text += " (near storage resolution: \(run.summary.nearStorageResolutionMatrices ?? 0) of "
                    + "\(run.summary.analysedMatrices - run.summary.unchangedMatrices) changed matrices; the rank depends on the rounding floor)"
            }
            return text
        }
        return "\(dataset.base.matrices.count) matrices; " + runs.joined(separator: "; ")
    }

    /// Exit status of a command that wrote its output but left damaged matrices out (NaN or
    /// infinite values, an SVD that did not converge); 0 is success, 1 an error.
    static let partialStatus: Int32 = 3

    /// After the output is written: lists the matrices found damaged and ends with
    /// ``partialStatus`` if there are any.
    static func finish(_ dataset: SpectralDataset) throws {
        let damaged = dataset.runs.flatMap { run in
            run.skipped.filter { $0.reasonCode?.isDamage == true }.map { (run.id, $0) }
        }
        guard !damaged.isEmpty else { return }
        say("\(damaged.count) matrix comparison(s) were left out because a matrix is damaged; the rest was analysed:")
        for (run, skipped) in damaged {
            say("  run \(run): \(skipped.name) (\(skipped.source.rawValue)): \(skipped.reason)")
        }
        throw ExitCode(partialStatus)
    }
}
