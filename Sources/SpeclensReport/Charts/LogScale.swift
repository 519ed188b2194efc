import Foundation

/// Maps a positive domain logarithmically onto a pixel range. Ticks: 1, 2, 5 × 10^k when the
/// domain spans at most two decades, powers of ten otherwise (every other one beyond 8 decades).
struct LogScale: Sendable {
    var domain: (lower: Double, upper: Double)
    var range: (lower: Double, upper: Double)

    /// `domain` must be positive; non-positive bounds are replaced by tiny positive ones.
    init(domain: (Double, Double), range: (Double, Double)) {
        let lower = domain.0 > 0 ? domain.0 : 1e-12
        let upper = domain.1 > lower ? domain.1 : lower * 10
        self.domain = (lower, upper)
        self.range = (range.0, range.1)
    }

    /// The pixel position of `value`; non-positive values map below the range (callers skip them).
    func callAsFunction(_ value: Double) -> Double {
        let lo = log10(domain.lower)
        let hi = log10(domain.upper)
        let v = value > 0 ? log10(value) : lo - 1
        return range.lower + (v - lo) / (hi - lo) * (range.upper - range.lower)
    }

    /// The same scale with its domain widened to whole powers of ten.
    func niced() -> LogScale {
        LogScale(
            domain: (
                pow(10, floor(log10(domain.lower) + 1e-9)),
                pow(10, ceil(log10(domain.upper) - 1e-9))
            ),
            range: (range.lower, range.upper))
    }

    /// Tick values inside the domain, ascending.
    func ticks() -> [Double] {
        let lo = log10(domain.lower)
        let hi = log10(domain.upper)
        let decades = hi - lo
        let multipliers: [Double] = decades <= 2 + 1e-9 ? [1, 2, 5] : [1]
        let every = decades > 8 ? 2 : 1
        var result: [Double] = []
        var exponent = Int(floor(lo + 1e-9))
        while Double(exponent) <= hi + 1e-9 {
            if exponent % every == 0 {
                for m in multipliers {
                    let value = m * pow(10, Double(exponent))
                    let lv = log10(value)
                    if lv >= lo - 1e-9 && lv <= hi + 1e-9 { result.append(value) }
                }
            }
            exponent += 1
        }
        return result
    }

    /// Label of a tick: plain decimals from 0.001 to 10 000 (`"0.01"`, `"200"`), else `"1e5"`.
    static func tickLabel(_ value: Double) -> String {
        guard value > 0 else { return NumberFormat.fixed(value, 0) }
        let exponent = Int(floor(log10(value) + 1e-9))
        let mantissa = (value / pow(10, Double(exponent))).rounded()
        if exponent >= -3 && exponent <= 4 {
            return NumberFormat.fixed(value, max(0, -exponent))
        }
        return NumberFormat.fixed(mantissa, 0) + "e" + String(exponent)
    }
}
