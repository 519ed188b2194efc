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
                return "Null controls were on for this analysis, but no run changed a matrix, so there is no control to draw."
            }
            return "Null controls were off for this analysis (the dataset records null_controls as false, as do datasets "
                + "written before speclens computed them), so these charts draw no chance reference: they do not show what "
                + "a random update of the same size would give on these matrices."
        }
        let kinds = NullControlStyle.kinds.filter { kind in withControls.contains { $0.summary.controls!.contains { $0.kind == kind } } }
        let drawn = kinds.map { kind -> String in
            switch kind {
            case .isotropic: return "isotropic Gaussian noise (\(NullControlStyle.patternName(kind)))"
            case .lowRank: return "for LoRA runs a random product of the adapter's rank r (\(NullControlStyle.patternName(kind)))"
            }
        }.joined(separator: " and ")
        var text = "Grey curves are each run's null controls: what a random update of the same size as the run's ΔW "
            + "(its Frobenius norm, matrix by matrix), \(drawn), gives on these matrices when measured like the run; "
            + "a run whose curve resembles its isotropic control's shows the small gaps between singular values reshuffled, "
            + "not new directions (\(source))."
        let without = runs.filter { ($0.summary.controls ?? []).isEmpty }
        if !without.isEmpty {
            text += " No control for " + without.map { run in
                run.displayLabel + (run.matrices.contains(where: \.changed) ? " (none recorded)" : " (no changed matrix)")
            }.joined(separator: ", ") + "."
        }
        return text
    }

    /// The sentence on a matrix page: what the grey lines of its max |cos| charts are, or why
    /// there are none.
    static func matrixSentence(_ dataset: SpectralDataset, base: BaseMatrixRecord, comparisons: [MatrixComparison]) -> String {
        let kinds = NullControlStyle.kinds.filter { kind in comparisons.contains { ($0.nullControls ?? []).contains { $0.kind == kind } } }
        guard !kinds.isEmpty else {
            if dataset.parameters.nullControls {
                return "No run changed this matrix, so it has no null control."
            }
            return "Null controls were off for this analysis (null_controls is false in the dataset), so the charts below draw "
                + "no chance reference for this matrix."
        }
        return "Grey lines in the charts of this matrix are null controls, W0 plus a random update of the run's "
            + "‖ΔW‖_F (" + kinds.map { "\(NullControlStyle.patternName($0)): \(NullControlStyle.name($0))" }.joined(separator: ", ")
            + "): what a random update of the same size gives on this matrix; a run resembling its isotropic control shows "
            + "reshuffled small singular-value gaps, not new directions (\(source))."
    }
}
