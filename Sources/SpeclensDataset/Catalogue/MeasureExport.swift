/// How a catalogued quantity appears in the tidy export (one row per run × matrix).
public enum MeasureExport: Sendable, Equatable {
    /// One column of this name.
    case column(String)
    /// A fixed list of columns, filled in order from a list value (e.g. `shape` → `rows`, `columns`).
    case columns([String])
    /// A list, one column per index: `NAME_0 … NAME_{n−1}` in CSV (n the longest list of the
    /// table; empty cells where a row's list is shorter) and one array `NAME` in JSON Lines.
    case perIndex(String)
    /// Counts at each ε of the dataset's grid: `NAME_eps_0.05 …`.
    case perEpsilon(String)
    /// A map of names: one column `PREFIX + name` per name any run has, sorted by name.
    case named(prefix: String)
    /// Not in the export, for the stated reason (e.g. a per-run total, a list too long for columns).
    case notExported(reason: String)

    /// Whether the export has columns for it.
    public var isExported: Bool {
        if case .notExported = self { return false }
        return true
    }
}
