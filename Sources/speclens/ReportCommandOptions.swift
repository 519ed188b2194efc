import ArgumentParser
import Foundation
import SpeclensAnalysis
import SpeclensReport

/// Options of the commands that write a site.
struct ReportCommandOptions: ParsableArguments {
    @Option(name: .shortAndLong, help: ArgumentHelp(
        "Folder to write the site into (default: Site; with --single-file only when given).",
        valueName: "dir"))
    var output: String?

    @Flag(help: ArgumentHelp(
        "Write the site into an existing folder that is neither empty nor a speclens site (its other files are kept; "
            + "files of the same name as a site file are replaced)."))
    var force = false

    @Option(help: ArgumentHelp(
        "Folder of templates replacing the built-in ones of the same file name.",
        valueName: "dir"))
    var templates: String?

    @Option(name: .customLong("figure-style"), help: ArgumentHelp(
        "Style of the standalone SVG chart files: web (light, site fonts) or paper (fixed size in px, "
            + "serif, no CSS: embeds in LaTeX via \\includesvg or rsvg-convert -f pdf, and in slides).",
        valueName: "web|paper"))
    var figureStyle: FigureStyle = .web

    @Option(name: .customLong("base-url"), help: ArgumentHelp(
        "URL the site will be published under (http(s)://host/path/ or /path/), for canonical links.",
        valueName: "url"))
    var baseURL: String?

    /// The single-file report: for the MiniLM fixtures (36 matrices, 4 labelled runs) 1.08 MB; for a
    /// 7B-shaped model (32 layers × 7 matrices of 4096 × 4096 / 11008 × 4096, 2 runs) 1.18 MB.
    @Option(name: .customLong("single-file"), help: ArgumentHelp(
        "Also (or, without -o, only) write one self-contained HTML file (CSS and SVG inline, no links "
            + "to other files) for e-mail; per-matrix detail only for the --single-file-matrices most "
            + "telling matrices (about 1.2 MB for a 7B-shaped model with 2 runs).",
        valueName: "file.html"))
    var singleFile: String?

    @Option(name: .customLong("single-file-matrices"), help: ArgumentHelp(
        "Matrices with a detail section in the single file (intruders first, then largest relative "
            + "change; default: 24 / runs, between 2 and 12).",
        valueName: "n"))
    var singleFileMatrices: Int?

    @Option(help: ArgumentHelp(
        "Show only these runs, in this order (ids as in the dataset, comma-separated).",
        valueName: "id,id…"))
    var runs: String?

    @Option(name: .customLong("epsilon-range"), help: ArgumentHelp(
        "x range of the intruders-versus-ε chart, e.g. 0.3:1 (default 0:1).",
        valueName: "low:high"))
    var epsilonRange: String?

    @Option(name: .customLong("intruder-scale"), help: ArgumentHelp(
        "Intruders on the ε charts and comparison figures as a count or as a fraction of the top-k vectors tested.",
        valueName: "count|fraction"))
    var intruderScale: IntruderScale = .count

    @Option(help: ArgumentHelp(
        "Where charts with one series per run put their legend.", valueName: "top|right|bottom|none"))
    var legend: LegendPlacement = .top

    @Option(name: .customLong("x-tag"), help: ArgumentHelp(
        "Numeric run tag on the x-axis of the comparison figures (from the manifest; rank and alpha are filled from adapters).",
        valueName: "tag"))
    var xTag = "rank"

    @Option(name: .customLong("series-tag"), help: ArgumentHelp(
        "Run tag whose values make the series of the comparison figures (default: family, else task).",
        valueName: "tag"))
    var seriesTag: String?

    @Flag(name: .customLong("shared-rank-scale"), help: "Draw every run's effective-rank heat map on one colour scale.")
    var sharedRankScale = false

    /// The journal of a report's analysis, beside its output: `SITE.journal`, or `FILE.journal`
    /// when only a single file is written.
    var journalPath: String {
        var output = siteFolder ?? singleFile ?? "Site"
        while output.count > 1, output.hasSuffix("/") { output.removeLast() }
        return AnalysisJournal.path(for: output)
    }

    /// The site folder, or nil when only a single file is wanted.
    var siteFolder: String? {
        if let output { return output }
        return singleFile == nil ? "Site" : nil
    }

    func validate() throws {
        if let baseURL {
            do {
                _ = try ReportOptions.validatedBaseURL(baseURL)
            } catch {
                throw ValidationError("\(error)")
            }
        }
        guard (singleFileMatrices ?? 0) >= 0 else { throw ValidationError("--single-file-matrices must be 0 or more") }
        if let epsilonRange {
            do {
                _ = try EpsilonRange.parse(epsilonRange)
            } catch {
                throw ValidationError("--epsilon-range: \(error)")
            }
        }
        if let runs, runIDs(runs).isEmpty { throw ValidationError("--runs needs at least one run id") }
    }

    /// The ids of `--runs`.
    private func runIDs(_ text: String) -> [String] {
        text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    /// The report options, read at `epsilons` (the first in force; nil: the dataset's analysis ε).
    func options(readingAt epsilons: ReadingEpsilons?) -> ReportOptions {
        ReportOptions(
            templatesDirectory: templates, figureStyle: figureStyle,
            baseURL: baseURL.flatMap { try? ReportOptions.validatedBaseURL($0) },
            singleFileMatrixLimit: singleFileMatrices,
            readingEpsilons: epsilons, runs: runs.map(runIDs), epsilonRange: epsilonRange.flatMap { try? EpsilonRange.parse($0) },
            intruderScale: intruderScale, legendPlacement: legend, comparisonTag: xTag, seriesTag: seriesTag,
            sharedRankScale: sharedRankScale)
    }
}

extension FigureStyle: ExpressibleByArgument {}
extension IntruderScale: ExpressibleByArgument {}
extension LegendPlacement: ExpressibleByArgument {}
