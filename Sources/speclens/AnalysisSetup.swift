import Foundation
import SpeclensAnalysis
import SpeclensDataset

/// An analysis as the command line asks for it, gathered from the option groups a command has
/// (``MeasurementOptions``, ``CheckpointReadingOptions`` when it reads the user's checkpoints,
/// ``ResourceOptions``), for ``Pipeline/analyze(base:runs:setup:shard:journal:interruption:cache:)``.
struct AnalysisSetup {
    /// The parameters recorded in the dataset.
    let parameters: AnalysisParameters
    /// Matrices decomposed in parallel.
    let workers: Int
    /// Memory the matrix jobs may take together, in bytes.
    let memoryLimit: Int
    /// `adapter_config.json` for runs given as a bare adapter file.
    let adapterConfig: String?
    /// Whether an adapter pairing fewer than half of its modules is analysed (with a warning).
    let allowPartial: Bool
    /// Whether a full fine-tune that does not look like one of the base is analysed.
    let allowUnrelated: Bool

    /// The setup of `measurement`, `reading` (nil: the defaults, no rewrites or overrides) and
    /// `resources`.
    init(measurement: MeasurementOptions, reading: CheckpointReadingOptions?, resources: ResourceOptions) {
        parameters = measurement.parameters(reading: reading)
        workers = resources.workers ?? ProcessInfo.processInfo.activeProcessorCount
        memoryLimit = resources.memoryLimit
        adapterConfig = reading?.adapterConfig
        allowPartial = reading?.allowPartial ?? false
        allowUnrelated = reading?.allowUnrelated ?? false
    }

    /// The `--allow-partial` choice, for the planner.
    var partialMatch: PartialMatchPolicy { allowPartial ? .warn : .refuse }
}
