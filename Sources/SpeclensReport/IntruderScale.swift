/// How intruder totals are drawn on a chart's axis.
public enum IntruderScale: String, Sendable, CaseIterable {
    /// Intruder dimensions counted (summed over matrices).
    case count
    /// Intruders as a fraction of the top-k vectors tested (Σ intruders / Σ k over the same
    /// matrices), so that runs or subsets with different numbers of matrices compare.
    case fraction
}
