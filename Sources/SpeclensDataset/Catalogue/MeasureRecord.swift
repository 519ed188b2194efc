/// Where a catalogued quantity lives in the dataset.
public enum MeasureRecord: String, Sendable, CaseIterable {
    /// `base.matrices[]`: the pre-trained matrix, shared by every run.
    case baseMatrix = "base.matrices[]"
    /// `runs[]`: one fine-tune.
    case run = "runs[]"
    /// `runs[].summary`: totals over a run's matrices.
    case summary = "runs[].summary"
    /// `runs[].matrices[]`: one matrix compared in one run.
    case comparison = "runs[].matrices[]"
    /// Not a stored field: a column the export computes from stored ones (its doc says how).
    case derived = "(derived)"

    /// The JSON path of `key` in this record, e.g. `runs[].matrices[].effective_rank`; nil for
    /// derived columns.
    public func path(_ key: String) -> String? {
        self == .derived ? nil : rawValue + "." + key
    }
}
