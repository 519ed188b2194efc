import SpeclensDataset

/// Makes the overview's list of analysis settings in words: the intruder test, the ε sweep, the
/// reading (when it differs from the analysis), the vectors compared, the spectrum coverage and
/// the matrix selection.
struct OverviewParametersBuilder {
    let context: SiteContext

    /// The settings, in the order shown.
    func make() -> [OverviewModel.Parameter] {
        let parameters = context.dataset.parameters
        return [
            .init(
                label: "intruder test",
                value: "top k = \(parameters.topK) fine-tuned singular vectors per matrix, "
                    + "intruder when max |cos| < ε = \(NumberFormat.epsilon(context.reading.epsilon))"),
            .init(label: "ε sweep", value: gridText(parameters.epsilonGrid)),
        ] + readingParameters() + vectorParameters(parameters) + spectrumParameters(parameters)
            + selectionParameters(parameters)
    }

    /// `0.05 … 0.95 (19 values)`, or `none`.
    func gridText(_ grid: [Double]) -> String {
        let grid = grid.sorted()
        guard let first = grid.first, let last = grid.last else { return "none" }
        return "\(EpsilonKey.string(first)) … \(EpsilonKey.string(last)) (\(grid.count) values)"
    }

    /// Lines on the ε in force and the other reading ε's, when the report is read at an ε other
    /// than the analysis ε or at several; on the runs shown, when a subset is.
    func readingParameters() -> [OverviewModel.Parameter] {
        let reading = context.reading
        var lines: [OverviewModel.Parameter] = []
        if reading.readsAtOtherEpsilon {
            lines.append(
                .init(
                    label: "ε in force",
                    value: "ε = \(NumberFormat.epsilon(reading.epsilon)), chosen when rendering; the dataset was "
                        + "analysed at ε = \(NumberFormat.epsilon(reading.analysisEpsilon)), and every count here is recomputed from "
                        + "the stored max |cos| (intruder when max |cos| < ε)"))
        }
        if reading.epsilons.count > 1 {
            lines.append(
                .init(
                    label: "also read at",
                    value: reading.epsilons.dropFirst()
                        .map { "ε = \(NumberFormat.epsilon($0))" }.joined(separator: ", ")))
        }
        if context.options.runs != nil {
            lines.append(
                .init(label: "runs shown", value: "\(context.dataset.runs.count), chosen and ordered when rendering"))
        }
        return lines
    }

    /// The vectors compared and how.
    func vectorParameters(_ parameters: AnalysisParameters) -> [OverviewModel.Parameter] {
        [
            .init(
                label: "singular vectors",
                value: parameters.singularVectors == .left
                    ? "left (columns of U, the layer's output space)" : "right (columns of V, the layer's input space)"),
            .init(label: "similarity matrix", value: "top N = \(parameters.similarityTopN) of each"),
            .init(label: "effective-rank cutoff", value: parameters.effectiveRankCutoff),
            .init(label: "precision", value: parameters.precision),
        ]
    }

    /// The intruders across the spectrum, a cut Wt spectrum and the decomposition paths.
    func spectrumParameters(_ parameters: AnalysisParameters) -> [OverviewModel.Parameter] {
        let dataset = context.dataset
        let buckets =
            parameters.spectrumBuckets > 0
            ? "\(parameters.spectrumBuckets) rank buckets over all of Wt's singular vectors"
                + (SpectrumCoverage.sentence(dataset, bases: dataset.base.matrices).map { "; " + $0 } ?? "")
            : "not computed"
        var lines: [OverviewModel.Parameter] = [.init(label: "intruders across the spectrum", value: buckets)]
        if let cut = SpectrumCoverage.cut(dataset, index: context.index) {
            lines.append(
                .init(
                    label: "Wt spectrum",
                    value:
                        "cut: only the top \(cut.rank) singular values stored in \(cut.comparisons) of \(cut.total) comparisons "
                        + "(analyse with --full-spectra for all)"))
        }
        if let paths = SpectrumCoverage.paths(dataset) { lines.append(.init(label: "Wt decomposition", value: paths)) }
        return lines
    }

    /// Which matrices were analysed.
    func selectionParameters(_ parameters: AnalysisParameters) -> [OverviewModel.Parameter] {
        [
            .init(
                label: "include",
                value: parameters.include.isEmpty ? "all" : parameters.include.joined(separator: " | ")),
            .init(
                label: "exclude",
                value: parameters.exclude.isEmpty ? "none" : parameters.exclude.joined(separator: " | ")),
            .init(
                label: "embeddings / heads",
                value: "\(parameters.includeEmbeddings ? "included" : "excluded") / "
                    + (parameters.includeHeads ? "included" : "excluded")),
        ]
    }
}
