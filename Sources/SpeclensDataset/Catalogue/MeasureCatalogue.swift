/// Every per-run and per-matrix quantity of the dataset, listed once, in export order: the
/// export's columns, the field tables of docs/dataset.md and the report's generic tables are
/// made from this list. A quantity the export leaves out is listed too, with the reason
/// (``MeasureExport/notExported(reason:)``).
///
/// To add a per-matrix measure: compute it, add its field to ``MatrixComparison``, and add one
/// entry here (in ``comparisonMeasures``). Its export column, its row in docs/dataset.md
/// (`docs/make-dataset-doc.sh`) and, when it has a ``Measure/page``, its row in the matrix pages'
/// numbers tables follow.
public enum MeasureCatalogue {
    /// All entries, in export order: the run's, then the matrix's.
    public static let all: [Measure] =
        runMeasures + summaryMeasures + matrixIdentity + comparisonMeasures + listMeasures

    /// The entries of `record`, in catalogue order.
    public static func entries(in record: MeasureRecord) -> [Measure] {
        all.filter { $0.record == record }
    }

    /// The entry at JSON path `path` (`runs[].matrices[].effective_rank`), if any.
    public static func entry(atPath path: String) -> Measure? {
        all.first { $0.path == path }
    }

    /// The entries with a row in a matrix page's numbers table, in table order.
    public static let pageMeasures: [Measure] = all.filter { $0.page != nil }.sorted {
        ($0.page?.order ?? 0) < ($1.page?.order ?? 0)
    }

    /// The entries with overview heat maps, in catalogue order.
    public static let heatMapMeasures: [Measure] = all.filter { $0.heatMap != nil }

    /// The entries the export writes, in column order.
    public static var exported: [Measure] { all.filter(\.export.isExported) }
}
