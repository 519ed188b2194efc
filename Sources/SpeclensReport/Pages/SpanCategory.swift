import SpeclensDataset

/// Intruders that leave the pre-trained span (docs/method.md §1.4), shown as their own category
/// next to low-similarity intruders (new directions within the span). Only matrices whose
/// compared space is larger than the span of their p pre-trained vectors (n > p) record span
/// fractions, so only datasets with such matrices show the category.
enum SpanCategory {
    /// Whether any run records span fractions for any matrix.
    static func applies(_ dataset: SpectralDataset) -> Bool {
        dataset.runs.contains { $0.matrices.contains { $0.spanFractionTopK != nil } }
    }

    /// The intruders of `run` at `epsilon` that leave the span: `summary.intruders_outside_span`,
    /// or where an older summary lacks it, `MatrixComparison.intrudersOutsideSpan` summed.
    static func outside(_ run: FineTuneRun, epsilon: Double) -> Int {
        run.summary.intrudersOutsideSpan ?? run.matrices.reduce(0) { $0 + $1.intrudersOutsideSpan(epsilon: epsilon) }
    }

    /// The top-k ranks of `comparison` that leave the span.
    static func leavingRanks(_ comparison: MatrixComparison) -> [Int] {
        comparison.maxCosineTopK.indices.filter { comparison.leavesSpan($0) }
    }

    /// The one sentence that explains the category (plain text), with how many of the dataset's
    /// matrices can have it.
    static func sentence(_ dataset: SpectralDataset) -> String {
        let bases = dataset.base.matrices
        let larger = bases.filter { $0.vectorDimension > RandomBaseline.vectors($0) }.count
        return "Intruders fall into two categories: low-similarity intruders, new directions within the span of the "
            + "pre-trained singular vectors, and intruders outside the span, vectors with more than half of their squared "
            + "norm outside the span of the pre-trained vectors (f² < 1/2), possible only where the compared space is larger "
            + "than that span (n > p), here in \(larger) of \(bases.count) matrices (speclens method, §1.4 leaving the span)."
    }

    /// The sentence for a matrix page whose compared space is larger than the span.
    static func matrixSentence(_ base: BaseMatrixRecord) -> String {
        "The compared space (n = \(base.vectorDimension)) is larger than the span of the p = \(RandomBaseline.vectors(base)) "
            + "pre-trained vectors, so a fine-tuned vector can leave that span: one with more than half of its squared norm "
            + "outside it (f² < 1/2) is marked with a diamond in the max |cos| charts and listed under its run "
            + "(speclens method, §1.4 leaving the span)."
    }
}
