import ArgumentParser

/// The analysis options of the commands that analyse the user's checkpoints (`analyze`, `report`,
/// `site`): what is measured, how the checkpoints are read, and the machine's resources.
struct AnalysisOptions: ParsableArguments {
    @OptionGroup var measurement: MeasurementOptions
    @OptionGroup var reading: CheckpointReadingOptions
    @OptionGroup var resources: ResourceOptions

    /// The analysis these options ask for.
    var setup: AnalysisSetup {
        AnalysisSetup(measurement: measurement, reading: reading, resources: resources)
    }
}
