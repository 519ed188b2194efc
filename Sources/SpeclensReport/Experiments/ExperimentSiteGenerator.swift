import Foundation
import SpeclensDataset

/// Renders several experiments (datasets) into one site: an index page listing every experiment
/// (its base model, its runs with their labels and colours, their intruders and mean effective
/// rank at the ε in force, and a small intruders-versus-ε chart), and each experiment's full
/// report (`SiteGenerator`'s, unchanged) in a folder of its own below it.
///
/// Builds are incremental: `experiments.json` records each experiment's folder, the hash of its
/// dataset's bytes, the speclens version and a hash of the options and templates. An experiment
/// whose entry is unchanged is not rendered again: its files are carried over as they are (hard
/// links, so their modification times stay). When nothing changed at all the folder is not
/// touched. The whole site is otherwise replaced as `SiteFolder` does it (staging folder, one
/// swap): an error leaves the earlier site intact, files speclens did not write are kept, folders
/// of experiments no longer listed are removed, and a folder that is not a speclens site is
/// refused unless allowed.
public struct ExperimentSiteGenerator: Sendable {
    /// The options each report is rendered with (`runs` is ignored: experiments have their own
    /// runs; `baseURL` is the site's, each report gets its folder below it).
    public let options: ReportOptions

    public init(options: ReportOptions = ReportOptions()) {
        self.options = options
    }

    /// Names an experiment folder may not take: the index's own files.
    static let reservedFolders: Set<String> = ["index.html", "style.css", ExperimentSiteRecord.fileName]

    /// The folder of each experiment: a slug of its name (lower case `[a-z0-9._-]`, at most 60
    /// characters), made unique with `-2`, `-3` … in the order given. Deterministic: the same
    /// names in the same order give the same folders.
    public static func folders(for names: [String]) -> [String] {
        var slugger = Slugger(maximumLength: 60, reserved: reservedFolders)
        return names.map { slugger.slug(for: $0, fallback: "experiment") }
    }

    /// The experiment an earlier build of the site in `outputDirectory` wrote into `folder` from an
    /// analysis whose key was `analysisKey`, read back from its `dataset.json`, named `name` and
    /// `source`: nil when there is no such build, the key differs, or the file is missing, not the
    /// one that build wrote, or unreadable (then the experiment is analysed again).
    public static func reusableExperiment(
        name: String, source: String, folder: String, analysisKey: String, in outputDirectory: String
    ) -> ExperimentSource? {
        guard let record = ExperimentSiteRecord.read(in: outputDirectory),
            let entry = record.experiments.first(where: { $0.folder == folder }), entry.analysisKey == analysisKey,
            let bytes = FileManager.default.contents(atPath: outputDirectory + "/" + folder + "/dataset.json"),
            ContentHash.of(bytes) == entry.inputHash,
            let dataset = try? DatasetCoding.decode(bytes, path: folder + "/dataset.json")
        else { return nil }
        return ExperimentSource(name: name, source: source, dataset: dataset, bytes: bytes, analysisKey: analysisKey)
    }

    /// Builds the site of `experiments` in `outputDirectory`.
    /// - Parameters:
    ///   - allowForeignFolder: write into an existing folder that is not a speclens site.
    ///   - progress: called before each experiment that is rendered (its folder, its position
    ///     among those rendered, how many are rendered).
    /// - Throws: `ReportError` (the folder is then as it was).
    public func generate(
        _ experiments: [ExperimentSource], into outputDirectory: String, allowForeignFolder: Bool = false,
        progress: (@Sendable (String, Int, Int) -> Void)? = nil
    ) throws -> ExperimentSiteResult {
        let folder = SiteFolder(outputDirectory)
        let contents = try folder.contents()
        if case .foreign(let entries, let count) = contents, !allowForeignFolder {
            throw ReportError.outputFolderNotASite(path: folder.path, entries: entries, count: count)
        }
        var earlierFiles: Set<String> = []
        if case .site(let written) = contents { earlierFiles = written }
        let earlier =
            earlierFiles.contains(ExperimentSiteRecord.fileName) ? ExperimentSiteRecord.read(in: folder.path) : nil

        let templates = try TemplateSet(overrideDirectory: options.templatesDirectory)
        let folders = Self.folders(for: experiments.map(\.name))
        let record = ExperimentSiteRecord(
            speclensVersion: ToolInfo.speclensVersion, optionsHash: optionsHash(templates),
            experiments: zip(experiments, folders).map { experiment, folder in
                .init(
                    folder: folder, name: experiment.name, source: experiment.source,
                    inputHash: ContentHash.of(experiment.bytes),
                    analysisKey: experiment.analysisKey)
            })

        let (kept, unchanged, toRender) = Self.carriedOver(
            record, earlier: earlier, earlierFiles: earlierFiles, folder: folder.path)

        var texts: [String: String] = [:]
        var data: [String: Data] = [:]
        for (position, index) in toRender.enumerated() {
            let prefix = folders[index] + "/"
            progress?(folders[index], position + 1, toRender.count)
            var reportOptions = options
            reportOptions.runs = nil
            reportOptions.linksToExperimentIndex = true
            reportOptions.baseURL = options.baseURL.map { $0 + prefix }
            let files = try SiteGenerator(options: reportOptions).render(
                DatasetReading(experiments[index].dataset, options: reportOptions),
                layout: SiteLayout(options: reportOptions), options: reportOptions)
            for (path, text) in files { texts[prefix + path] = text }
            data[prefix + "dataset.json"] = experiments[index].bytes
        }
        let index = try indexPage(experiments, folders: folders, templates: templates)
        texts["index.html"] = index
        texts["style.css"] = try templates.text("style.css")
        data[ExperimentSiteRecord.fileName] = try record.encoded()

        let listed = Set(folders)
        let removed = Set(earlier?.experiments.map(\.folder) ?? []).subtracting(listed).sorted()
        let nothingChanged =
            toRender.isEmpty && removed.isEmpty && earlier == record
            && earlierFiles == kept.union(texts.keys).union(data.keys)
            && FileManager.default.contents(atPath: folder.path + "/index.html") == Data(index.utf8)
            && FileManager.default.contents(atPath: folder.path + "/style.css") == Data(texts["style.css"]!.utf8)
        if !nothingChanged {
            try folder.replace(with: texts, data: data, keeping: kept, allowForeign: allowForeignFolder)
        }
        return ExperimentSiteResult(
            folders: folders, rendered: toRender.map { folders[$0] }, unchanged: unchanged, removed: removed,
            wrote: !nothingChanged)
    }

    /// Which experiments are carried over from the earlier build: those whose entry and settings
    /// are the earlier build's and whose files are all still in `folder`. The others are rendered.
    /// - Returns: the files kept, the folders kept, and the positions (in `record`) to render.
    static func carriedOver(
        _ record: ExperimentSiteRecord, earlier: ExperimentSiteRecord?, earlierFiles: Set<String>, folder: String
    ) -> (kept: Set<String>, unchanged: [String], toRender: [Int]) {
        var kept: Set<String> = []
        var unchanged: [String] = []
        var toRender: [Int] = []
        for (index, entry) in record.experiments.enumerated() {
            let files = earlierFiles.filter { $0.hasPrefix(entry.folder + "/") }
            let same =
                earlier.map {
                    $0.speclensVersion == record.speclensVersion && $0.optionsHash == record.optionsHash
                        && $0.experiments.contains { $0.folder == entry.folder && $0.inputHash == entry.inputHash }
                } ?? false
            if same, !files.isEmpty,
                files.allSatisfy({ FileManager.default.fileExists(atPath: folder + "/" + $0) })
            {
                kept.formUnion(files)
                unchanged.append(entry.folder)
            } else {
                toRender.append(index)
            }
        }
        return (kept, unchanged, toRender)
    }

    /// The index page, framed.
    func indexPage(_ experiments: [ExperimentSource], folders: [String], templates: TemplateSet) throws -> String {
        let model = try ExperimentIndexModel(experiments: experiments, folders: folders, options: options)
        let body = MarkdownRenderer.html(try templates.markdown("experiments.md", model))
        let frame = ExperimentFrameModel(
            title: "Experiments", content: body, canonical: options.baseURL,
            version: ToolInfo.speclensVersion)
        return try templates.html("experiments.html", frame).escaped
    }

    /// A hash of everything besides the datasets that decides a report's bytes: the options and
    /// the templates (built in or overridden).
    func optionsHash(_ templates: TemplateSet) -> String {
        var text = [
            "figureStyle=\(options.figureStyle.rawValue)", "chartFiles=\(options.writeChartFiles)",
            "baseURL=\(options.baseURL ?? "")",
            "singleFileMatrixLimit=\(options.singleFileMatrixLimit.map(String.init) ?? "")",
            "spectrumPointLimit=\(options.spectrumPointLimit)",
            "epsilons=" + (options.readingEpsilons?.values.map { "\($0)" }.joined(separator: ",") ?? ""),
            "epsilonRange=" + (options.epsilonRange.map { "\($0.lower):\($0.upper)" } ?? ""),
            "intruderScale=\(options.intruderScale.rawValue)", "legend=\(options.legendPlacement.rawValue)",
            "comparisonTag=\(options.comparisonTag)", "seriesTag=\(options.seriesTag ?? "")",
            "sharedRankScale=\(options.sharedRankScale)",
        ].joined(separator: "\n")
        for name in templates.files.keys.sorted() {
            text += "\ntemplate \(name) \(ContentHash.of(templates.files[name]!))"
        }
        return ContentHash.of(text)
    }
}
