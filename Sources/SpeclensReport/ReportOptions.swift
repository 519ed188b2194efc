import Foundation

/// How the standalone `.svg` chart files are written.
public enum FigureStyle: String, Sendable, CaseIterable {
    /// Light background, the site's sans-serif font stack and a small embedded style sheet.
    case web
    /// For papers and slides: fixed size in px, no style sheet, no CSS classes or variables,
    /// presentation attributes only, `font-family="serif"`, black text and axes, grey grids; embeds
    /// cleanly in LaTeX (`\includesvg`, or `rsvg-convert -f pdf`) and in slide software.
    case paper
}

/// Settings of a report rendering.
public struct ReportOptions: Sendable {
    /// A folder of template files overriding the embedded ones of the same name (e.g.
    /// `overview.md`, `matrix.md`, `layout.html`, `style.css`); nil uses the embedded templates.
    public var templatesDirectory: String? = nil
    /// Write a standalone `.svg` and a `.csv` of the numbers for every chart (default true).
    public var writeChartFiles: Bool = true
    /// Style of the standalone SVG files (the charts inside pages always follow the page theme).
    public var figureStyle: FigureStyle = .web
    /// Where the site will be published (`https://host/sub/path/` or `/sub/path/`), always ending
    /// with `/`; used only where a relative link cannot work (`<link rel="canonical">`). Nil: none.
    /// Set it through `ReportOptions.validatedBaseURL(_:)`.
    public var baseURL: String? = nil
    /// In a single-file report, the most matrices that get their own detail section with charts
    /// (those with intruders first, most intruders first, then the largest relative change).
    /// Nil: automatic, 24 / number of runs clamped to 2…12 (each matrix has a section per run; 12 runs
    /// with 4 sections would pass 2 MB).
    public var singleFileMatrixLimit: Int? = nil
    /// Spectra with more points than this are thinned for drawing (the first 100 ranks exact,
    /// then log-spaced ranks, intruder ranks always kept); CSV files keep every value.
    public var spectrumPointLimit: Int = 600
    /// The ε the report is read at (the first is the ε in force); nil: the analysis ε alone.
    public var readingEpsilons: ReadingEpsilons? = nil
    /// The runs to show, by id, in this order; nil: every run in the dataset's order.
    public var runs: [String]? = nil
    /// The x range of the intruders-versus-ε chart; nil: 0 to 1.
    public var epsilonRange: EpsilonRange? = nil
    /// Intruder totals on the ε charts and the comparison figures as counts or as fractions of
    /// the top-k vectors tested.
    public var intruderScale: IntruderScale = .count
    /// Where charts with one series per run put their legend.
    public var legendPlacement: LegendPlacement = .top
    /// The numeric run tag on the x-axis of the comparison figures (default `rank`).
    public var comparisonTag: String = "rank"
    /// The run tag whose values make the series of the comparison figures; nil: `family` when a
    /// run has it, else `task`, else one series.
    public var seriesTag: String? = nil
    /// Draw every run's effective-rank heat map on one colour scale (default: each its own, since
    /// a LoRA run's ranks are tiny next to a full fine-tune's).
    public var sharedRankScale: Bool = false
    /// The report is one experiment of a multi-experiment site (`ExperimentSiteGenerator`), one
    /// folder below its index: every page's navigation starts with an "All experiments" link to
    /// `../index.html` (relative). False (default): a standalone report, without that link.
    public var linksToExperimentIndex: Bool = false

    /// Creates options; every setting has a default.
    public init(
        templatesDirectory: String? = nil, writeChartFiles: Bool = true, figureStyle: FigureStyle = .web,
        baseURL: String? = nil, singleFileMatrixLimit: Int? = nil, spectrumPointLimit: Int = 600,
        readingEpsilons: ReadingEpsilons? = nil, runs: [String]? = nil, epsilonRange: EpsilonRange? = nil,
        intruderScale: IntruderScale = .count, legendPlacement: LegendPlacement = .top,
        comparisonTag: String = "rank", seriesTag: String? = nil, sharedRankScale: Bool = false
    ) {
        self.templatesDirectory = templatesDirectory
        self.writeChartFiles = writeChartFiles
        self.figureStyle = figureStyle
        self.baseURL = baseURL
        self.singleFileMatrixLimit = singleFileMatrixLimit
        self.spectrumPointLimit = spectrumPointLimit
        self.readingEpsilons = readingEpsilons
        self.runs = runs
        self.epsilonRange = epsilonRange
        self.intruderScale = intruderScale
        self.legendPlacement = legendPlacement
        self.comparisonTag = comparisonTag
        self.seriesTag = seriesTag
        self.sharedRankScale = sharedRankScale
    }

    /// Checks a `--base-url` value and normalises it to end with `/`. Accepted: an absolute
    /// `http://` or `https://` URL with a host, or a path starting with a single `/`. Refused:
    /// other schemes (`javascript:`, `file:`, `data:`), protocol-relative `//host`, relative
    /// paths, whitespace, control characters, quotes, angle brackets and backslashes.
    /// - Throws: `ReportError.invalidBaseURL`.
    public static func validatedBaseURL(_ text: String) throws -> String {
        func refuse(_ reason: String) -> ReportError { .invalidBaseURL(text, reason: reason) }
        guard !text.isEmpty else { throw refuse("it is empty") }
        for scalar in text.unicodeScalars {
            if scalar.value <= 0x20 || scalar.value == 0x7F || "\"'<>\\`{}|^".unicodeScalars.contains(scalar) {
                throw refuse("it contains a space, control character or one of \" ' < > \\ ` { } | ^")
            }
        }
        var url = text
        if text.hasPrefix("/") {
            guard !text.hasPrefix("//") else {
                throw refuse("a protocol-relative URL (//host) is ambiguous; give http(s)://host/…")
            }
        } else {
            guard let components = URLComponents(string: text), let scheme = components.scheme?.lowercased(),
                scheme == "http" || scheme == "https"
            else { throw refuse("only http:// or https:// URLs or a path starting with / are allowed") }
            guard let host = components.host, !host.isEmpty else { throw refuse("the URL has no host") }
            guard components.query == nil, components.fragment == nil else {
                throw refuse("the URL must not have a query (?) or fragment (#)")
            }
        }
        if url.contains("?") || url.contains("#") { throw refuse("the URL must not have a query (?) or fragment (#)") }
        if !url.hasSuffix("/") { url += "/" }
        return url
    }
}
