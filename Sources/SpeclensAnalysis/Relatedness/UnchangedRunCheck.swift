import SpeclensDataset

/// The sanity check that needs the numbers: a full fine-tune none of whose analysed matrices
/// changed (ΔW = 0 in every one) is the base again, for this selection, and a dataset comparing
/// it would report nothing but zeros.
///
/// Run it on a complete dataset only: one shard of a split analysis holds a subset of the
/// matrices, which may all be unchanged in a fine-tune that changed others (check the merged
/// dataset instead). LoRA runs are not judged here: an adapter whose analysed matrices are all
/// unchanged is a planning warning (``RunFinding/nothingAdaptedAnalysed(adaptedInBase:)``).
public enum UnchangedRunCheck {
    /// - Throws: ``AnalysisError/runIsBase(run:base:evidence:)`` with
    ///   ``SameAsBase/noMatrixChanged(analysed:)`` for the first full run with at least one analysed
    ///   matrix and none changed.
    public static func verify(_ dataset: SpectralDataset) throws {
        for run in dataset.runs where run.kind == .full {
            let analysed = run.summary.analysedMatrices
            guard analysed > 0, run.summary.unchangedMatrices == analysed else { continue }
            throw AnalysisError.runIsBase(
                run: run.path, base: dataset.base.path, evidence: .noMatrixChanged(analysed: analysed))
        }
    }
}
