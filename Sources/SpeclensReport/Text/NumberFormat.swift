import Foundation

/// Locale-free, deterministic number formatting: the same value always gives the same text.
enum NumberFormat {
    /// `value` with exactly `decimals` digits after the point (`fixed(0.5, 2)` → `"0.50"`).
    /// Non-finite values give `"–"`.
    static func fixed(_ value: Double, _ decimals: Int) -> String {
        guard value.isFinite else { return "–" }
        let decimals = max(0, min(decimals, 12))
        let scale = pow(10.0, Double(decimals))
        let scaled = (abs(value) * scale).rounded()
        guard scaled < 9.0e15 else { return scientific(value, 3) }
        let integer = UInt64(scaled)
        var digits = String(integer)
        if decimals > 0 {
            if digits.count <= decimals {
                digits = String(repeating: "0", count: decimals - digits.count + 1) + digits
            }
            digits.insert(".", at: digits.index(digits.endIndex, offsetBy: -decimals))
        }
        let negative = value < 0 && integer != 0
        return (negative ? "-" : "") + digits
    }

    /// `value` with `significant` significant digits: fixed notation for magnitudes in
    /// [1e-3, 1e6), scientific (`1.23e-5`) otherwise.
    static func significant(_ value: Double, _ significant: Int = 3) -> String {
        guard value.isFinite else { return "–" }
        if value == 0 { return "0" }
        let exponent = Int(floor(log10(abs(value))))
        if exponent >= -3 && exponent < 6 {
            return fixed(value, max(0, significant - 1 - exponent))
        }
        return scientific(value, significant)
    }

    /// Scientific notation with `significant` digits: `scientific(0.000123, 3)` → `"1.23e-4"`.
    static func scientific(_ value: Double, _ significant: Int) -> String {
        guard value.isFinite else { return "–" }
        if value == 0 { return "0" }
        var exponent = Int(floor(log10(abs(value))))
        var mantissa = value / pow(10.0, Double(exponent))
        let rounded = Double(fixed(mantissa, max(0, significant - 1))) ?? mantissa
        if abs(rounded) >= 10 {
            exponent += 1
            mantissa = value / pow(10.0, Double(exponent))
        }
        return fixed(mantissa, max(0, significant - 1)) + "e" + String(exponent)
    }

    /// A compact coordinate for SVG: at most two decimals, trailing zeros removed.
    static func coordinate(_ value: Double) -> String {
        var text = fixed(value, 2)
        if text.contains(".") {
            while text.hasSuffix("0") { text.removeLast() }
            if text.hasSuffix(".") { text.removeLast() }
        }
        return text == "-0" ? "0" : text
    }

    /// `significant(value, 4)` without trailing zeros after the point (`128.0` → `"128"`).
    static func compact(_ value: Double) -> String {
        var text = significant(value, 4)
        if text.contains(".") && !text.contains("e") {
            while text.hasSuffix("0") { text.removeLast() }
            if text.hasSuffix(".") { text.removeLast() }
        }
        return text
    }

    /// A threshold ε as the user gave it: at least two decimals, and as many more as it takes to
    /// read back the same value (`0.5` → `"0.50"`, `0.7` → `"0.70"`, `0.501` → `"0.501"`), at most
    /// twelve. Non-finite values give `"–"`.
    static func epsilon(_ value: Double) -> String {
        guard value.isFinite else { return "–" }
        for decimals in 2..<12 {
            let text = fixed(value, decimals)
            if Double(text) == value { return text }
        }
        return fixed(value, 12)
    }

    /// An optional value, or `"–"` when absent.
    static func optional(_ value: Double?, _ format: (Double) -> String) -> String {
        value.map(format) ?? "–"
    }
}
