extension SpectralDataset {
    /// What makes this dataset one that no analysis writes and that a report cannot be drawn from,
    /// in words (naming the field); nil when there is nothing. Checked when a dataset is read
    /// (``DatasetCoding/decode(_:path:)``): ε and every ε of the grid in (0, 1], top k and the
    /// similarity size at least 1, spectrum buckets 0 or more (the analysis' own rules), and every
    /// base matrix shape made of non-negative dimensions whose product fits in 64 bits; and no run
    /// id, base matrix name or matrix name within a run given twice (``DatasetIndex``).
    public var inconsistency: String? {
        let p = parameters
        if !(p.epsilon > 0 && p.epsilon <= 1) { return "parameters.epsilon is \(p.epsilon), outside (0, 1]" }
        if let epsilon = p.epsilonGrid.first(where: { !($0 > 0 && $0 <= 1) }) {
            return "parameters.epsilon_grid holds \(epsilon), outside (0, 1]"
        }
        if p.topK < 1 { return "parameters.top_k is \(p.topK), not at least 1" }
        if p.similarityTopN < 1 { return "parameters.similarity_top_n is \(p.similarityTopN), not at least 1" }
        if p.spectrumBuckets < 0 { return "parameters.spectrum_buckets is \(p.spectrumBuckets), not 0 or more" }
        for (index, matrix) in base.matrices.enumerated() {
            var elements = 1
            for dimension in matrix.shape {
                let (product, overflow) = elements.multipliedReportingOverflow(by: dimension)
                guard dimension >= 0, !overflow else {
                    return "base.matrices[\(index)] (\(matrix.name)) has shape \(matrix.shape), "
                        + "not non-negative dimensions whose product fits in 64 bits"
                }
                elements = product
            }
        }
        if case .failure(let repeated) = DatasetIndex.build(self) { return repeated.description }
        return nil
    }
}
