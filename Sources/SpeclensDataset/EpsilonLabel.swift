/// How an ε is shown to readers: as given, with at least two decimals (`0.5` → `"0.50"`,
/// `0.7` → `"0.70"`, `0.501` → `"0.501"`), never rounded to a grid value.
public enum EpsilonLabel {
    /// The text of `epsilon` (shortest decimal that reads back as the same value, padded to two
    /// decimals).
    public static func text(_ epsilon: Double) -> String {
        var text = "\(epsilon)"
        if text.contains("e") { return text }  // not a threshold a person types; show it exactly
        if !text.contains(".") { text += "." }
        let decimals = text.split(separator: ".", omittingEmptySubsequences: false).last?.count ?? 0
        return text + String(repeating: "0", count: max(0, 2 - decimals))
    }
}
