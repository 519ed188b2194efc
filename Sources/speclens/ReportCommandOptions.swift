import ArgumentParser
import Foundation
import SpeclensAnalysis
import SpeclensReport

/// Options of the commands that write the report of one dataset (`render`, `report`, `demo`): the
/// site folder, the single file, the runs shown, and how it looks.
struct ReportCommandOptions: ParsableArguments {
    @OptionGroup var folder: SiteFolderOptions

    /// The single-file report: for the MiniLM fixtures (36 matrices, 4 labelled runs) 1.08 MB; for a
    /// 7B-shaped model (32 layers × 7 matrices of 4096 × 4096 / 11008 × 4096, 2 runs) 1.18 MB.
    @Option(
        name: .customLong("single-file"),
        help: ArgumentHelp(
            "Also (or, without -o, only) write one self-contained HTML file (CSS and SVG inline, no links "
                + "to other files) for e-mail; per-matrix detail only for the --single-file-matrices most "
                + "telling matrices (about 1.2 MB for a 7B-shaped model with 2 runs).",
            valueName: "file.html"))
    var singleFile: String?

    @Option(
        name: .customLong("single-file-matrices"),
        help: ArgumentHelp(
            "Matrices with a detail section in the single file (intruders first, then largest relative "
                + "change; default: 24 / runs, between 2 and 12).",
            valueName: "n"))
    var singleFileMatrices: Int?

    @Option(
        help: ArgumentHelp(
            "Show only these runs, in this order (ids as in the dataset, comma-separated).",
            valueName: "id,id…"))
    var runs: String?

    @OptionGroup var presentation: PresentationOptions

    /// Whether to write into an existing folder of other files (`--force`).
    var force: Bool { folder.force }

    /// The journal of a report's analysis, beside its output: `SITE.journal`, or `FILE.journal`
    /// when only a single file is written.
    var journalPath: String {
        var output = siteFolder ?? singleFile ?? "Site"
        while output.count > 1, output.hasSuffix("/") { output.removeLast() }
        return AnalysisJournal.path(for: output)
    }

    /// The site folder, or nil when only a single file is wanted.
    var siteFolder: String? {
        if let output = folder.output { return output }
        return singleFile == nil ? "Site" : nil
    }

    func validate() throws {
        guard (singleFileMatrices ?? 0) >= 0 else { throw ValidationError("--single-file-matrices must be 0 or more") }
        if let runs, runIDs(runs).isEmpty { throw ValidationError("--runs needs at least one run id") }
    }

    /// The ids of `--runs`.
    private func runIDs(_ text: String) -> [String] {
        text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    /// The report options, read at `epsilons` (the first in force; nil: the dataset's analysis ε).
    func options(readingAt epsilons: ReadingEpsilons?) -> ReportOptions {
        var options = presentation.options(readingAt: epsilons)
        options.singleFileMatrixLimit = singleFileMatrices
        options.runs = runs.map(runIDs)
        return options
    }
}
