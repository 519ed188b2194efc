import SpeclensDataset

/// A catalogued value written for readers in its ``NumberStyle``.
enum MeasureFormat {
    /// `value` in `style`; `–` when absent, and text as it is.
    static func text(_ value: MeasureValue, style: NumberStyle) -> String {
        switch value {
        case .text(let text): return text
        case .flag(let flag): return flag ? "yes" : "no"
        case .integer(let value): return number(Double(value), style)
        case .real(let value): return number(value, style)
        case .single(let value): return number(Double(value), style)
        case .singles(let list):
            return list.isEmpty ? "–" : number(list.reduce(0.0) { $0 + Double($1) } / Double(list.count), style)
        case .reals(let list): return list.isEmpty ? "–" : number(list.reduce(0, +) / Double(list.count), style)
        case .integers(let list): return list.map(String.init).joined(separator: ", ")
        case .absent, .counts, .named: return "–"
        }
    }

    /// A number in `style` (a list's mean for ``NumberStyle/meanFixed(_:)``).
    static func number(_ value: Double, _ style: NumberStyle) -> String {
        switch style {
        case .fixed(let decimals), .meanFixed(let decimals): return NumberFormat.fixed(value, decimals)
        case .significant(let digits): return NumberFormat.significant(value, digits)
        case .integer: return NumberFormat.fixed(value, 0)
        case .adaptive: return NumberFormat.fixed(value, value < 10 ? 1 : 0)
        case .compact(let digits): return NumberFormat.compact(Double(NumberFormat.significant(value, digits)) ?? value)
        }
    }
}
