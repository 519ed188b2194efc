/// The overview's matrices table (part of `OverviewModel`).
struct OverviewMatrixTable: TemplateModel {
    let matrices: [OverviewModel.Matrix]
    /// Whether a table cell carries `StorageCaveat.mark`.
    let hasMarkedRanks: Bool
    /// Set when the table lists only some matrices (a long site): which, and where the others
    /// are listed; empty otherwise.
    let matrixListNote: String

    var templateFields: [String: TemplateValue] {
        [
            "matrices": .models(matrices), "hasMatrices": .flag(!matrices.isEmpty),
            "hasMarkedRanks": .flag(hasMarkedRanks),
            "matrixListNote": .text(matrixListNote), "hasMatrixListNote": .flag(!matrixListNote.isEmpty),
        ]
    }
}
