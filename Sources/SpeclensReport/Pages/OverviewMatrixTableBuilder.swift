import SpeclensDataset

/// Makes the overview's matrices table: every matrix, or on a layout that shortens it
/// (`ReportLayout.shortensOverviewMatrixTable`) and above `OverviewModel.matrixTableLimit`
/// matrices, the most telling ones with a note on where the others are.
struct OverviewMatrixTableBuilder {
    let context: SiteContext

    /// The table.
    func make() -> OverviewMatrixTable {
        let count = context.dataset.base.matrices.count
        let shortened = context.layout.shortensOverviewMatrixTable && count > OverviewModel.matrixTableLimit
        let listed =
            shortened
            ? SiteGenerator.singleFileSelection(context.dataset, limit: OverviewModel.matrixTableLimit)
            : Array(context.dataset.base.matrices.indices)
        let note =
            shortened
            ? "The \(listed.count) of \(count) matrices with the most intruders (then the largest relative change), "
                + "in name order. Every matrix is listed on its module type's page"
                + (context.layers.isEmpty ? "." : " and on its layer's page.")
            : ""
        return OverviewMatrixTable(
            matrices: GroupPageSupport.matrixRows(context, indices: listed, from: .overview),
            hasMarkedRanks: GroupPageSupport.hasMarkedRanks(
                context, indices: Array(context.dataset.base.matrices.indices)),
            matrixListNote: note)
    }
}
