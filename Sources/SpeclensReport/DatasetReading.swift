import SpeclensDataset

/// The dataset as one report reads it: the chosen runs in the chosen order, every intruder count
/// recomputed at the ε in force from the stored max |cos| (strict `<`), and each run's style. The
/// ε in force is carried here (`epsilon`), next to the analysis ε, and never written into the
/// dataset: `dataset.parameters` stay as analysed, and every step takes the ε in force from the
/// reading. So every count, table, highlight and the single file's choice of matrices follow the
/// reading ε; the dataset file is never changed.
struct DatasetReading: Sendable {
    /// The dataset as read: the chosen runs, counted at the ε in force; its `parameters` are the
    /// analysis' (`parameters.epsilon` is the analysis ε, not the ε in force).
    let dataset: SpectralDataset
    /// The ε the dataset was analysed at: the spectrum fractions (`spectrum_intruder_fractions`)
    /// were computed at it and cannot be recomputed at another.
    let analysisEpsilon: Double
    /// The reading ε's: the ε in force first, then the others to show next to it.
    let epsilons: [Double]
    /// Each shown run's colour, dash pattern and marker, by its position in `dataset.runs`;
    /// assigned over all the dataset's runs, so a subset keeps the colours of the whole.
    let runStyles: [RunStyle]
    /// `dataset`'s runs, base matrices and comparisons by their keys, built once per reading.
    let index: DatasetIndex

    /// The ε in force.
    var epsilon: Double { epsilons[0] }

    /// Whether the ε in force differs from the analysis ε.
    var readsAtOtherEpsilon: Bool { epsilon != analysisEpsilon }

    /// `dataset` read as `options` say (`readingEpsilons`, `runs`).
    /// - Throws: `ReportError.unknownRun` or `.repeatedRun` for a bad run choice;
    ///   `DatasetError.inconsistent` when `dataset` repeats a run id or a matrix name.
    init(_ dataset: SpectralDataset, options: ReportOptions) throws {
        let styles = RunStyle.assign(to: dataset.runs)
        var chosen = Array(dataset.runs.indices)
        if let ids = options.runs {
            var seen: Set<String> = []
            chosen = try ids.map { id in
                guard seen.insert(id).inserted else { throw ReportError.repeatedRun(id) }
                guard let index = dataset.runs.firstIndex(where: { $0.id.rawValue == id }) else {
                    throw ReportError.unknownRun(id, known: dataset.runs.map(\.id.rawValue))
                }
                return index
            }
        }
        let epsilons = options.readingEpsilons?.values ?? [dataset.parameters.epsilon]
        var read = dataset
        read.runs = chosen.map { index in
            epsilons[0] == dataset.parameters.epsilon
                ? dataset.runs[index] : dataset.runs[index].reading(atEpsilon: epsilons[0])
        }
        self.dataset = read
        index = try DatasetIndex(read)
        analysisEpsilon = dataset.parameters.epsilon
        self.epsilons = epsilons
        runStyles = chosen.map { styles[$0] }
    }

    /// `dataset` read at its analysis ε with every run.
    /// - Throws: `DatasetError.inconsistent` when `dataset` repeats a run id or a matrix name.
    init(_ dataset: SpectralDataset) throws {
        self.dataset = dataset
        index = try DatasetIndex(dataset)
        analysisEpsilon = dataset.parameters.epsilon
        epsilons = [dataset.parameters.epsilon]
        runStyles = RunStyle.assign(to: dataset.runs)
    }
}
