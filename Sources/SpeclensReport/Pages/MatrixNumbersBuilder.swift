import SpeclensDataset

/// Makes the rows of a run's numbers table on a matrix page: the one place that lists them.
enum MatrixNumbersBuilder {
    /// The rows of a run's numbers table for `comparison` of `base`, counted at the ε in force
    /// `epsilon`: the intruder counts (the run's, outside the span, the null controls'), the
    /// random-direction baseline, then every catalogued measure with a page row
    /// (``MeasureCatalogue/pageMeasures``), then the comparison with a stack's previous step.
    static func rows(
        base: BaseMatrixRecord, comparison: MatrixComparison, run: FineTuneRun, epsilon: Double,
        parameters: AnalysisParameters
    ) -> [MatrixModel.Number] {
        let epsilonText = NumberFormat.epsilon(epsilon)
        var numbers: [MatrixModel.Number] = [
            .init(label: "intruders at ε = \(epsilonText) (top \(base.topK))", value: "\(comparison.intruders)")
        ]
        if comparison.spanFractionTopK != nil {
            numbers.append(
                .init(
                    label: HTMLText(escaping: "of them outside the pre-trained span (f² < 1/2)"),
                    value: "\(comparison.intrudersOutsideSpan(epsilon: epsilon))"))
        }
        for control in NullControlStyle.kinds.compactMap({ kind in comparison.nullControls?.first { $0.kind == kind } })
        {
            numbers.append(
                .init(
                    label:
                        "\(NullControlStyle.name(control.kind)) (rank \(control.rank)): intruders at ε = \(epsilonText)",
                    value: "\(control.intruders(atEpsilon: epsilon))"))
        }
        let baseline = RandomBaseline(base)
        numbers.append(
            .init(
                label: "random-direction baseline (\(baseline.shapeText))",
                value: HTMLText(escaping: baseline.valueText)))
        let row = MeasureRow(run: run, comparison: comparison, base: base, parameters: parameters)
        numbers += catalogueRows(MeasurePageContext(row: row, epsilon: epsilon))
        return numbers + PreviousStepText.numbers(run, matrix: comparison.name, topK: base.topK, epsilon: epsilon)
    }

    /// The rows of the catalogued measures with a page row, in their order; a measure whose label
    /// is nil for this matrix is left out.
    static func catalogueRows(_ context: MeasurePageContext) -> [MatrixModel.Number] {
        let comparison = context.row.comparison
        return MeasureCatalogue.pageMeasures.compactMap { measure -> MatrixModel.Number? in
            guard let page = measure.page else { return nil }
            let label: String?
            if let make = page.label { label = make(context) } else { label = measure.label }
            guard let label else { return nil }
            let value = page.value?(context) ?? measure.read?(context.row) ?? .absent
            let text = HTMLText(escaping: MeasureFormat.text(value, style: page.style))
            let marked = page.marksStorageResolution && comparison.changed && StorageCaveat.isFlagged(comparison)
            return .init(label: HTMLText(escaping: label), value: marked ? text + GroupPageSupport.markedRank : text)
        }
    }
}
