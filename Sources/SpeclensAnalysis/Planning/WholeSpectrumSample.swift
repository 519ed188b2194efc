import SpeclensDataset

/// The deterministic sample of matrices that get the whole Wt spectrum and the
/// intruders-across-the-spectrum measure when the analysis does not compute them for all
/// (docs/method.md §1.6): per module kind (``TensorName/module``), `perModule` matrices evenly
/// spread over its layers (for 1, the default: the middle layer, the lower of two; for 2: the
/// first and the last layer). Chosen from the whole plan's
/// names, so every shard, worker count and resume picks the same matrices.
enum WholeSpectrumSample {
    /// The chosen names among `names` (every name when `perModule` is 0 or less).
    static func names(_ names: [String], perModule: Int) -> Set<String> {
        guard perModule > 0 else { return Set(names) }
        var chosen = Set<String>()
        for ordered in ModuleLayers.groups(names) {
            let count = min(perModule, ordered.count)
            if count == 1 {
                chosen.insert(ordered[(ordered.count - 1) / 2])
                continue
            }
            for index in 0..<count { chosen.insert(ordered[index * (ordered.count - 1) / (count - 1)]) }
        }
        return chosen
    }

    /// The names that get the whole spectrum under `parameters` (all with `fullSpectra`; none
    /// when no spectrum measure is asked for and the spectra are cut).
    static func names(_ names: [String], parameters: AnalysisParameters) -> Set<String> {
        if parameters.fullSpectra { return Set(names) }
        guard parameters.spectrumBuckets > 0 else { return [] }
        return self.names(names, perModule: parameters.spectrumMatricesPerModule)
    }
}
