import SpeclensDataset

/// What the report says about null controls next to the charts that draw them (docs/method.md
/// §1.5): what they mean when the dataset has them, and that they are missing when it has not,
/// so that a chart without grey curves is never silent about why. Plain text.
enum NullControlText {
    /// The source the sentences cite.
    static let source = "speclens method, §1.5 null controls"

    /// The one sentence next to a chart with control curves, or the reason there are none:
    /// controls off (`parameters.null_controls` false, also in datasets written before them), or
    /// on with no run having any. Runs without controls in a dataset that has them are named.
    static func sentence(_ dataset: SpectralDataset) -> String {
        let runs = dataset.runs
        let withControls = runs.filter { !($0.summary.controls ?? []).isEmpty }
        guard !withControls.isEmpty else {
            if dataset.parameters.nullControls {
                return
                    "Null controls were on for this analysis, but no run changed a matrix, so there is no control to draw."
            }
            return
                "Null controls were off for this analysis (the dataset records null_controls as false, as do datasets "
                + "written before speclens computed them), so these charts draw no chance reference: they do not show what "
                + "a random update of the same size would give on these matrices."
        }
        let kinds = NullControlStyle.kinds.filter { kind in
            withControls.contains { $0.summary.controls!.contains { $0.kind == kind } }
        }
        let drawn = kinds.map { kind -> String in
            switch kind {
            case .isotropic: return "isotropic Gaussian noise (\(NullControlStyle.patternName(kind)))"
            case .lowRank:
                return "for LoRA runs a random product of the adapter's rank r (\(NullControlStyle.patternName(kind)))"
            }
        }.joined(separator: " and ")
        var text =
            "Grey curves are each run's null controls: what a random update of the same size as the run's ΔW "
            + "(its Frobenius norm, matrix by matrix), \(drawn), gives on these matrices when measured like the run; "
            + "a run whose curve resembles its isotropic control's shows the small gaps between singular values reshuffled, "
            + "not new directions (\(source))."
        if let coverage = coverage(dataset) { text += " " + coverage }
        let without = runs.filter { ($0.summary.controls ?? []).isEmpty }
        if !without.isEmpty {
            text +=
                " No control for "
                + without.map { run in
                    run.displayLabel
                        + (run.matrices.contains(where: \.changed) ? " (none recorded)" : " (no changed matrix)")
                }.joined(separator: ", ") + "."
        }
        return text
    }

    /// The sentence on a matrix page: what the grey lines of its max |cos| charts are, or why
    /// there are none.
    static func matrixSentence(_ dataset: SpectralDataset, base: BaseMatrixRecord, comparisons: [MatrixComparison])
        -> String
    {
        let kinds = NullControlStyle.kinds.filter { kind in
            comparisons.contains { ($0.nullControls ?? []).contains { $0.kind == kind } }
        }
        guard !kinds.isEmpty else {
            if dataset.parameters.nullControls {
                if comparisons.contains(where: \.changed), dataset.parameters.controlFraction < 1 {
                    return
                        "This matrix is outside the sample of matrices that got null controls, so the charts below draw "
                        + "no chance reference for it. " + (coverage(dataset) ?? "")
                }
                return "No run changed this matrix, so it has no null control."
            }
            return
                "Null controls were off for this analysis (null_controls is false in the dataset), so the charts below draw "
                + "no chance reference for this matrix."
        }
        return "Grey lines in the charts of this matrix are null controls, W0 plus a random update of the run's "
            + "‖ΔW‖_F ("
            + kinds.map { "\(NullControlStyle.patternName($0)): \(NullControlStyle.name($0))" }.joined(separator: ", ")
            + "): what a random update of the same size gives on this matrix; a run resembling its isotropic control shows "
            + "reshuffled small singular-value gaps, not new directions (\(source))."
    }

    /// How many of the changed matrices got null controls, when the analysis drew them for a
    /// sample (``AnalysisParameters/controlFraction`` below 1) that left some changed matrix
    /// without; nil when every changed matrix has them.
    static func coverage(_ dataset: SpectralDataset) -> String? {
        let fraction = dataset.parameters.controlFraction
        guard dataset.parameters.nullControls, fraction < 1 else { return nil }
        let changed = Set(dataset.runs.flatMap { $0.matrices.filter(\.changed).map(\.name) })
        let controlled = Set(
            dataset.runs.flatMap { $0.matrices.filter { !($0.nullControls ?? []).isEmpty }.map(\.name) })
        guard controlled.count < changed.count else { return nil }
        let scaled = fraction * 100
        let percent = scaled == scaled.rounded() ? String(Int(scaled)) : String(scaled)  // locale-free
        return
            "Null controls were drawn for \(controlled.count) of the \(changed.count) changed matrices: a deterministic "
            + "sample of \(percent) % of each module kind's matrices (at least one), evenly spread over the layers; "
            + "control totals compare each run with its controls on those matrices only."
    }
}
