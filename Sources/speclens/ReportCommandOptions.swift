import ArgumentParser
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

    /// The single-file report: for the MiniLM fixtures (36 matrices, 4 runs) 0.90 MB; for a
    /// 7B-shaped model (32 layers × 7 matrices of 4096 × 4096 / 11008 × 4096, 2 runs) 1.08 MB.
    @Option(name: .customLong("single-file"), help: ArgumentHelp(
        "Also (or, without -o, only) write one self-contained HTML file (CSS and SVG inline, no links "
            + "to other files) for e-mail; per-matrix detail only for the --single-file-matrices most "
            + "telling matrices (about 1.1 MB for a 7B-shaped model with 2 runs).",
        valueName: "file.html"))
    var singleFile: String?

    @Option(name: .customLong("single-file-matrices"), help: ArgumentHelp(
        "Matrices with a detail section in the single file (intruders first, then largest relative "
            + "change; default: 24 / runs, between 4 and 12).",
        valueName: "n"))
    var singleFileMatrices: Int?

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
    }

    var options: ReportOptions {
        ReportOptions(
            templatesDirectory: templates, figureStyle: figureStyle,
            baseURL: baseURL.flatMap { try? ReportOptions.validatedBaseURL($0) },
            singleFileMatrixLimit: singleFileMatrices)
    }
}

extension FigureStyle: ExpressibleByArgument {}
