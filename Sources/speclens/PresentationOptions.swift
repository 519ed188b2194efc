import ArgumentParser
import SpeclensReport

/// How a site looks: templates, charts and links; the options of every command that writes a site.
struct PresentationOptions: ParsableArguments {
    @Option(
        help: ArgumentHelp(
            "Folder of templates replacing the built-in ones of the same file name.",
            valueName: "dir"))
    var templates: String?

    @Option(
        name: .customLong("figure-style"),
        help: ArgumentHelp(
            "Style of the standalone SVG chart files: web (light, site fonts) or paper (fixed size in px, "
                + "serif, no CSS: embeds in LaTeX via \\includesvg or rsvg-convert -f pdf, and in slides).",
            valueName: "web|paper"))
    var figureStyle: FigureStyle = .web

    @Option(
        name: .customLong("base-url"),
        help: ArgumentHelp(
            "URL the site will be published under (http(s)://host/path/ or /path/), for canonical links.",
            valueName: "url"))
    var baseURL: String?

    @Option(
        name: .customLong("epsilon-range"),
        help: ArgumentHelp(
            "x range of the intruders-versus-ε chart, e.g. 0.3:1 (default 0:1).",
            valueName: "low:high"))
    var epsilonRange: String?

    @Option(
        name: .customLong("intruder-scale"),
        help: ArgumentHelp(
            "Intruders on the ε charts and comparison figures as a count or as a fraction of the top-k vectors tested.",
            valueName: "count|fraction"))
    var intruderScale: IntruderScale = .count

    @Option(
        help: ArgumentHelp(
            "Where charts with one series per run put their legend.", valueName: "top|right|bottom|none"))
    var legend: LegendPlacement = .top

    @Option(
        name: .customLong("x-tag"),
        help: ArgumentHelp(
            "Numeric run tag on the x-axis of the comparison figures (from the manifest; rank and alpha are filled from adapters).",
            valueName: "tag"))
    var xTag = "rank"

    @Option(
        name: .customLong("series-tag"),
        help: ArgumentHelp(
            "Run tag whose values make the series of the comparison figures (default: family, else task).",
            valueName: "tag"))
    var seriesTag: String?

    @Flag(name: .customLong("shared-rank-scale"), help: "Draw every run's effective-rank heat map on one colour scale.")
    var sharedRankScale = false

    func validate() throws {
        if let baseURL {
            do {
                _ = try ReportOptions.validatedBaseURL(baseURL)
            } catch {
                throw ValidationError("\(error)")
            }
        }
        if let epsilonRange {
            do {
                _ = try EpsilonRange.parse(epsilonRange)
            } catch {
                throw ValidationError("--epsilon-range: \(error)")
            }
        }
    }

    /// The report options, read at `epsilons` (the first in force; nil: the dataset's analysis ε).
    func options(readingAt epsilons: ReadingEpsilons?) -> ReportOptions {
        ReportOptions(
            templatesDirectory: templates, figureStyle: figureStyle,
            baseURL: baseURL.flatMap { try? ReportOptions.validatedBaseURL($0) },
            readingEpsilons: epsilons, epsilonRange: epsilonRange.flatMap { try? EpsilonRange.parse($0) },
            intruderScale: intruderScale, legendPlacement: legend, comparisonTag: xTag, seriesTag: seriesTag,
            sharedRankScale: sharedRankScale)
    }
}

extension FigureStyle: ExpressibleByArgument {}
extension IntruderScale: ExpressibleByArgument {}
extension LegendPlacement: ExpressibleByArgument {}
