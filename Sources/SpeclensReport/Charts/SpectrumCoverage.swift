import SpeclensDataset

/// Which matrices have the whole fine-tuned spectrum (the intruders-across-the-spectrum measure
/// and Wt's full singular values), and how Wt was decomposed, in words computed from the dataset.
enum SpectrumCoverage {
    /// Matrices among `bases` for which some run recorded spectrum fractions.
    static func covered(_ dataset: SpectralDataset, bases: [BaseMatrixRecord]) -> Int {
        let names = Set(dataset.runs.flatMap { $0.matrices.filter { $0.spectrumIntruderFractions != nil }.map(\.name) })
        return bases.filter { names.contains($0.name) }.count
    }

    /// "Computed for 6 of 72 matrices (…)", or nil when every matrix among `bases` is covered.
    static func sentence(_ dataset: SpectralDataset, bases: [BaseMatrixRecord]) -> String? {
        let covered = covered(dataset, bases: bases)
        guard covered < bases.count, covered > 0 else { return nil }
        return "Computed for \(covered) of \(bases.count) matrices (\(policy(dataset.parameters))); "
            + "the other matrices have only their top singular vectors."
    }

    /// The sampling policy in words.
    static func policy(_ parameters: AnalysisParameters) -> String {
        let count = parameters.spectrumMatricesPerModule
        let which =
            count == 1 ? "the middle layer" : count == 2 ? "the first and last layer" : "\(count) layers evenly spread"
        return "\(which) of each module kind; analyse with --full-spectra for all"
    }

    /// Comparisons (runs' and null controls') per decomposition path, e.g. "randomized 60, exact 12".
    static func paths(_ dataset: SpectralDataset) -> String? {
        var counts: [DecompositionPath: Int] = [:]
        for run in dataset.runs {
            for matrix in run.matrices {
                if let path = matrix.tunedDecomposition { counts[path, default: 0] += 1 }
                for control in matrix.nullControls ?? [] {
                    if let path = control.decomposition { counts[path, default: 0] += 1 }
                }
            }
        }
        guard !counts.isEmpty else { return nil }
        return DecompositionPath.allCases.compactMap { path in
            counts[path].map { "\(words(path)): \($0)" }
        }.joined(separator: "; ") + " (decompositions of Wt and of the null controls)"
    }

    /// How the report names a decomposition path.
    static func words(_ path: DecompositionPath) -> String {
        switch path {
        case .randomized: "certified randomized top triplets"
        case .gram: "float64 Gram eigenvectors"
        case .gramLowRank: "float64 Gram eigenvectors from the low-rank factors"
        case .exact: "exact SVD"
        case .exactFallback: "exact SVD after the randomized path could not certify"
        }
    }

    /// Number of comparisons whose Wt spectrum is cut, and the rank it is cut at (the largest
    /// stored count among them); nil when none is cut. `index` gives each base matrix's count.
    static func cut(_ dataset: SpectralDataset, index: DatasetIndex) -> (comparisons: Int, total: Int, rank: Int)? {
        var cut = 0
        var total = 0
        var rank = 0
        for run in dataset.runs {
            for matrix in run.matrices {
                total += 1
                guard let p = index.base(named: matrix.name)?.singularValues.count,
                    matrix.singularValues.isCut(baseCount: p)
                else { continue }
                cut += 1
                rank = max(rank, matrix.singularValues.tuned.count)
            }
        }
        return cut > 0 ? (cut, total, rank) : nil
    }
}
