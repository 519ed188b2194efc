import Foundation
import SpeclensAnalysis
import SpeclensDataset
import SpeclensReport

/// Wires the stages together for the commands.
enum Pipeline {
    static func analyze(
        base: String, tuned: [String], options: AnalysisOptions,
        shard: (index: Int, count: Int)? = nil
    ) throws -> SpectralDataset {
        let progress = TerminalProgress()
        let analyzer = try SpectralAnalyzer(
            parameters: options.parameters,
            workers: options.workers ?? ProcessInfo.processInfo.activeProcessorCount,
            progress: { progress.report($0) })
        // Parallel over whole matrices, one BLAS thread each (also keeps results bit-identical).
        let dataset = try OpenBLASRuntime.withThreads(1) {
            try analyzer.analyze(
                basePath: base, tunedPaths: tuned, adapterConfig: options.adapterConfig, shard: shard,
                partialMatch: options.partialMatch)
        }
        for run in dataset.runs {
            for warning in run.warnings { say("warning: run \(run.id): \(warning)") }
            for note in run.notes ?? [] { say("note: run \(run.id): \(note)") }
        }
        if let note = selectionNote(dataset) { say("note: \(note)") }
        if let hint = OpenBLASRuntime.kernelHint() { say("note: \(hint)") }
        return dataset
    }

    static func render(_ dataset: SpectralDataset, options: ReportCommandOptions, writeDataset: Bool)
        throws
    {
        let generator = SiteGenerator(options: options.options)
        if let folder = options.siteFolder {
            let written = try generator.generate(dataset, into: folder)
            if writeDataset {
                try DatasetCoding.write(
                    dataset, to: URL(fileURLWithPath: folder).appending(path: "dataset.json").path)
            }
            let index = URL(fileURLWithPath: folder).appending(path: "index.html").path
            say("wrote \(written.count + (writeDataset ? 1 : 0)) files to \(folder); open \(index)")
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

    /// A one-line summary: matrices and, per run, intruders at ε and mean effective rank.
    static func describe(_ dataset: SpectralDataset) -> String {
        let runs = dataset.runs.map { run in
            let rank = run.summary.meanEffectiveRank.map { String(format: "%.1f", $0) } ?? "n/a"
            return "\(run.id): \(run.summary.intruders) intruders at ε=\(dataset.parameters.epsilon), "
                + "mean effective rank \(rank)"
        }
        return "\(dataset.base.matrices.count) matrices; " + runs.joined(separator: "; ")
    }
}
