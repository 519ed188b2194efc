import ArgumentParser
import Foundation
import SpeclensAnalysis
import SpeclensDataset
import SpeclensReport

struct Site: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract:
            "Turn several datasets or experiment manifests into one site: an index of experiments and each one's full report.",
        discussion: """
            Each EXPERIMENT is a dataset file written by `speclens analyze` (the experiment is named \
            after the file, or after its folder for a dataset.json), an experiment manifest \
            (*.yaml, *.yml; see docs/manifest.md; named after the file), or a folder: its \
            dataset.json, else every *.json file, every manifest and every sub-folder holding a \
            dataset.json (a site written by `report`) in it, in name order. A manifest is analysed \
            with the analysis options given here (as `report --manifest` does; the base \
            decomposition cache lets manifests over the same base share the base's decompositions) \
            and its dataset is written into the experiment's folder as dataset.json; it is not \
            analysed again while the manifest's bytes, the analysis options, speclens, and the \
            input files it names (by path, size and modification time) are unchanged. The index page \
            lists each experiment (base model, runs with their labels and colours, intruders and \
            mean effective rank at the ε in force, a small intruders-versus-ε chart) and links to \
            its report in a folder of its own, whose navigation links back to the index. Experiments \
            whose dataset, speclens version and options are unchanged since the last build are not \
            rendered again (experiments.json records them); folders of experiments no longer given \
            are removed. Links are relative, so the site opens from file:// and from any web server; \
            --base-url adds canonical URLs. With --epsilon, every experiment is read at that ε (and \
            manifests are analysed at its first value); without, each at its analysis ε.
            """)

    @Argument(
        help: ArgumentHelp(
            "Dataset files, experiment manifests (.yaml, .yml), or folders of them.", valueName: "experiment"))
    var datasets: [String]

    @OptionGroup(title: "Analysis of manifests") var analysis: AnalysisOptions
    @OptionGroup(title: "Base decomposition cache") var cache: CacheOptions
    @OptionGroup var folder: SiteFolderOptions
    @OptionGroup var presentation: PresentationOptions

    func validate() throws {
        guard !datasets.isEmpty else { throw ValidationError("give at least one dataset file, manifest or folder") }
    }

    func run() throws {
        try CommandFailure.guarding { try build() }
    }

    /// Builds the site; progress and the summary on standard error when it is a terminal.
    private func build() throws {
        let terminal = isatty(STDERR_FILENO) == 1
        let folder = self.folder.output ?? "Site"
        let reading = analysis.measurement.epsilon.isDefault ? nil : analysis.measurement.epsilon.list
        let (experiments, analysed) = try Self.experiments(
            SiteInput.list(datasets), site: folder, analysis: analysis, cache: cache, terminal: terminal)
        let generator = ExperimentSiteGenerator(options: presentation.options(readingAt: reading))
        let progress: (@Sendable (String, Int, Int) -> Void)? = terminal ? Self.showProgress : nil
        let result = try generator.generate(
            experiments, into: folder, allowForeignFolder: self.folder.force, progress: progress)
        if terminal {
            if !result.rendered.isEmpty { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
            let manifests = experiments.filter { $0.analysisKey != nil }.count
            var parts = ["\(result.folders.count) experiment(s)"]
            if manifests > 0 { parts.append("\(analysed.count) analysed, \(manifests - analysed.count) reused") }
            parts += ["\(result.rendered.count) rendered", "\(result.unchanged.count) unchanged"]
            if !result.removed.isEmpty { parts.append("\(result.removed.count) removed") }
            let index = URL(fileURLWithPath: folder).appending(path: "index.html").path
            Pipeline.say(
                "site \(folder): " + parts.joined(separator: ", ")
                    + (result.wrote ? "; open \(index)" : "; nothing changed, nothing written"))
        }
        for dataset in analysed { try Pipeline.finish(dataset) }
    }

    /// One updating line: `[2/5] rendering NAME`.
    @Sendable static func showProgress(_ name: String, _ position: Int, _ count: Int) {
        let line = "\r\u{1B}[K[\(position)/\(count)] rendering " + TerminalText.printable(name, limit: 60)
        FileHandle.standardError.write(Data(line.utf8))
    }

    /// The experiments of `inputs`, in order, and the datasets analysed for them. Every manifest is
    /// read before anything is analysed (a bad one stops the build at once); a manifest whose
    /// analysis key matches the earlier build of `site` reuses that build's dataset.
    static func experiments(
        _ inputs: [SiteInput], site: String, analysis: AnalysisOptions, cache: CacheOptions, terminal: Bool
    ) throws -> ([ExperimentSource], analysed: [SpectralDataset]) {
        let manifests = try inputs.map { input -> (ExperimentManifest, Data)? in
            guard input.kind == .manifest else { return nil }
            let manifest = try ExperimentManifest.read(path: input.path)
            return (manifest, FileManager.default.contents(atPath: input.path) ?? Data())
        }
        let settings = try analysisSettings(analysis)
        let folders = ExperimentSiteGenerator.folders(for: inputs.map(\.name))
        var keys: [Int: String] = [:]
        var reused: [Int: ExperimentSource] = [:]
        for (index, entry) in manifests.enumerated() {
            guard let (manifest, bytes) = entry else { continue }
            let inputFiles =
                [manifest.base] + manifest.runs.flatMap(\.paths) + [analysis.reading.adapterConfig].compactMap { $0 }
            let key = ExperimentAnalysisKey.key(manifest: bytes, settings: settings, inputs: inputFiles)
            keys[index] = key
            reused[index] = ExperimentSiteGenerator.reusableExperiment(
                name: inputs[index].name, source: inputs[index].path, folder: folders[index], analysisKey: key, in: site
            )
        }
        let toAnalyse = keys.count - reused.count
        // The BLAS kernels are chosen (and the process possibly restarted) only when there is
        // something to analyse.
        if toAnalyse > 0 { try analysis.resources.kernels.select() }
        var experiments: [ExperimentSource] = []
        var analysed: [SpectralDataset] = []
        for (index, input) in inputs.enumerated() {
            guard let (manifest, _) = manifests[index], let key = keys[index] else {
                experiments.append(try ExperimentSource.read(path: input.path, name: input.name))
                continue
            }
            if let reused = reused[index] {
                experiments.append(reused)
                continue
            }
            if terminal {
                Pipeline.say("[\(analysed.count + 1)/\(toAnalyse)] analysing \(input.path)")
            }
            let dataset = try ManifestExperimentFailure.naming(input.path) {
                try Pipeline.analyze(
                    base: manifest.base, runs: manifest.runs, setup: analysis.setup, cache: cache.open())
            }
            experiments.append(
                ExperimentSource(
                    name: input.name, source: input.path, dataset: dataset, bytes: try DatasetCoding.encode(dataset),
                    analysisKey: key))
            analysed.append(dataset)
        }
        return (experiments, analysed)
    }

    /// The analysis options that decide a dataset's bytes, as text: the parameters (as the dataset
    /// stores them), the adapter config given, the partial-match policy and the speclens version.
    /// Not `--workers` or the cache: results do not depend on them.
    static func analysisSettings(_ analysis: AnalysisOptions) throws -> [String] {
        let setup = analysis.setup
        return [
            "speclens \(ToolInfo.speclensVersion)",
            "parameters " + String(decoding: try DatasetCoding.deterministicJSON(setup.parameters), as: UTF8.self),
            "adapter-config \(setup.adapterConfig ?? "")",
            "partial \(setup.allowPartial)",
        ]
    }
}
