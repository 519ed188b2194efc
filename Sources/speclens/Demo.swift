import ArgumentParser
import Foundation
import SpeclensAnalysis
import SpeclensCheckpoints
import SpeclensDataset
import SpeclensOutput

struct Demo: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Build the report of an embedded synthetic model pair (no download needed).",
        discussion: """
            Writes a small synthetic transformer-shaped base model, a full-fine-tune-like update \
            of it and a LoRA adapter (r = 8) as real checkpoints into a scratch folder, analyses \
            them and renders the report. The full update shows no intruders; the LoRA update does. \
            The base's decompositions are kept in the base decomposition cache as `report` keeps \
            them (--cache, --no-cache).
            """)

    @OptionGroup var measurement: MeasurementOptions
    @OptionGroup var resources: ResourceOptions
    @OptionGroup var cache: CacheOptions
    @OptionGroup var report: ReportCommandOptions
    @OptionGroup var journal: JournalOptions

    func run() throws {
        try CommandFailure.guarding {
            try resources.kernels.select()
            // The same scratch folder for the same output, so that a stopped demo resumes from its
            // journal (the synthetic checkpoints are written again, byte for byte the same).
            let journalPath = report.journalPath
            var hasher = XXHash64()
            var key = InputOverlap.resolved(journalPath)
            key.withUTF8 { hasher.update(UnsafeRawBufferPointer($0)) }
            let scratch = FileManager.default.temporaryDirectory
                .appending(path: "speclens-demo-" + String(hasher.finalize(), radix: 16))
            defer { try? FileManager.default.removeItem(at: scratch) }
            try SyntheticModelPair().write(to: scratch)
            let path = { (folder: String) in scratch.appending(path: folder).path }
            var dataset = try journal.analyze(
                base: path(SyntheticModelPair.baseFolder),
                runs: [path(SyntheticModelPair.fullFolder), path(SyntheticModelPair.loraFolder)].map(
                    RunSpec.init(path:)),
                setup: AnalysisSetup(measurement: measurement, reading: nil, resources: resources),
                journal: journalPath, cache: cache.open())
            // Record the checkpoints under stable names rather than the random scratch folder.
            dataset.relabelPaths(replacing: scratch.path, with: "synthetic-demo")
            Pipeline.sayDescription("analysed", dataset, asked: measurement.epsilon.list)
            try Pipeline.render(
                dataset, options: report, readingAt: measurement.epsilon.list,
                datasetFile: try DatasetCoding.encode(dataset))
            AnalysisJournal.discard(at: journalPath)
        }
    }
}
