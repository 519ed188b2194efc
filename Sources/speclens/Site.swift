import ArgumentParser
import Foundation
import SpeclensDataset
import SpeclensReport

struct Site: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Turn several datasets into one site: an index of experiments and each one's full report.",
        discussion: """
            Each DATASET is a dataset file written by `speclens analyze` (the experiment is named \
            after the file, or after its folder for a dataset.json), or a folder: its dataset.json, \
            else every *.json file in it and every sub-folder holding a dataset.json (a site written \
            by `report`), in name order. The index page lists each experiment (base model, runs with \
            their labels and colours, intruders and mean effective rank at the ε in force, a small \
            intruders-versus-ε chart) and links to its report in a folder of its own. Experiments whose \
            dataset, speclens version and options are unchanged since the last build are not rendered \
            again (experiments.json records them); folders of experiments no longer given are removed. \
            Links are relative, so the site opens from file:// and from any web server; --base-url \
            adds canonical URLs.
            """)

    @Argument(help: ArgumentHelp("Dataset files, or folders of datasets.", valueName: "dataset"))
    var datasets: [String]

    @Option(help: EpsilonListOption.readingHelp("every experiment"), transform: EpsilonListOption.parse)
    var epsilon: EpsilonListOption?

    @OptionGroup var report: ReportCommandOptions

    func validate() throws {
        guard !datasets.isEmpty else { throw ValidationError("give at least one dataset file or folder") }
        if report.singleFile != nil { throw ValidationError("--single-file is for one dataset (render); site writes a folder") }
        if report.runs != nil { throw ValidationError("--runs chooses runs of one dataset (render); site shows every run") }
    }

    func run() throws {
        try CommandFailure.guarding { try build() }
    }

    /// Builds the site; progress and the summary on standard error when it is a terminal.
    private func build() throws {
        let terminal = isatty(STDERR_FILENO) == 1
        let experiments = try Self.sources(datasets)
        let folder = report.siteFolder ?? "Site"
        let generator = ExperimentSiteGenerator(options: report.options(readingAt: epsilon?.list))
        let progress: (@Sendable (String, Int, Int) -> Void)? = terminal ? Self.showProgress : nil
        let result = try generator.generate(experiments, into: folder, allowForeignFolder: report.force, progress: progress)
        guard terminal else { return }
        if !result.rendered.isEmpty { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
        var parts = ["\(result.folders.count) experiment(s)", "\(result.rendered.count) rendered", "\(result.unchanged.count) unchanged"]
        if !result.removed.isEmpty { parts.append("\(result.removed.count) removed") }
        let index = URL(fileURLWithPath: folder).appending(path: "index.html").path
        Pipeline.say("site \(folder): " + parts.joined(separator: ", ")
            + (result.wrote ? "; open \(index)" : "; nothing changed, nothing written"))
    }

    /// One updating line: `[2/5] rendering NAME`.
    @Sendable static func showProgress(_ name: String, _ position: Int, _ count: Int) {
        let line = "\r\u{1B}[K[\(position)/\(count)] rendering " + TerminalText.printable(name, limit: 60)
        FileHandle.standardError.write(Data(line.utf8))
    }

    /// The experiments of the arguments, in order (see the command's discussion).
    static func sources(_ arguments: [String]) throws -> [ExperimentSource] {
        let fileManager = FileManager.default
        var sources: [ExperimentSource] = []
        for argument in arguments {
            var isFolder: ObjCBool = false
            guard fileManager.fileExists(atPath: argument, isDirectory: &isFolder), isFolder.boolValue else {
                sources.append(try ExperimentSource.read(path: argument, name: name(ofDataset: argument)))
                continue
            }
            let folder = URL(fileURLWithPath: argument)
            let own = folder.appending(path: "dataset.json").path
            if fileManager.fileExists(atPath: own) {
                sources.append(try ExperimentSource.read(path: own, name: name(ofDataset: own)))
                continue
            }
            let entries = (try? fileManager.contentsOfDirectory(atPath: argument))?.filter { !$0.hasPrefix(".") }.sorted() ?? []
            var found = 0
            for entry in entries {
                let path = folder.appending(path: entry).path
                var entryIsFolder: ObjCBool = false
                guard fileManager.fileExists(atPath: path, isDirectory: &entryIsFolder) else { continue }
                let dataset = entryIsFolder.boolValue ? path + "/dataset.json" : path
                guard entry.hasSuffix(".json") || entryIsFolder.boolValue, fileManager.fileExists(atPath: dataset),
                    entry != "experiments.json"
                else { continue }
                sources.append(try ExperimentSource.read(path: dataset, name: name(ofDataset: dataset)))
                found += 1
            }
            if found == 0 {
                throw ValidationError("\(argument) holds no dataset (no dataset.json, no *.json file, no sub-folder with a dataset.json)")
            }
        }
        return sources
    }

    /// An experiment's name: the file's stem, or its folder's name for a `dataset.json`.
    static func name(ofDataset path: String) -> String {
        let url = URL(fileURLWithPath: path)
        if url.lastPathComponent == "dataset.json" {
            let folder = url.deletingLastPathComponent().lastPathComponent
            if !folder.isEmpty, folder != "/", folder != "." { return folder }
        }
        return url.deletingPathExtension().lastPathComponent
    }
}
