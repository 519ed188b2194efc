/// Formats an ε as the key used in `intruders_by_epsilon` maps: two decimals, e.g. `"0.50"`.
public enum EpsilonKey {
    /// The key for `epsilon`, rounded to two decimals (`0.5` → `"0.50"`, `0.05` → `"0.05"`).
    public static func string(_ epsilon: Double) -> String {
        let hundredths = Int((epsilon * 100).rounded())
        let whole = hundredths / 100
        let fraction = abs(hundredths % 100)
        return "\(hundredths < 0 ? "-" : "")\(abs(whole)).\(fraction < 10 ? "0" : "")\(fraction)"
    }
}
