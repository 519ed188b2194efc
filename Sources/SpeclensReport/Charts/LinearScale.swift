import Foundation

/// Maps a numeric domain linearly onto a pixel range, with "nice" ticks (1, 2 or 5 × 10^k steps).
struct LinearScale: Sendable {
    var domain: (lower: Double, upper: Double)
    var range: (lower: Double, upper: Double)

    init(domain: (Double, Double), range: (Double, Double)) {
        self.domain = (domain.0, domain.1)
        self.range = (range.0, range.1)
    }

    /// The pixel position of `value` (the range's middle when the domain is empty).
    func callAsFunction(_ value: Double) -> Double {
        let span = domain.upper - domain.lower
        guard span != 0, span.isFinite else { return (range.lower + range.upper) / 2 }
        return range.lower + (value - domain.lower) / span * (range.upper - range.lower)
    }

    /// A step of 1, 2 or 5 × 10^k giving about `count` intervals over `span`.
    static func niceStep(span: Double, count: Int) -> Double {
        guard span > 0, span.isFinite, count > 0 else { return 1 }
        let raw = span / Double(count)
        let magnitude = pow(10, floor(log10(raw)))
        let fraction = raw / magnitude
        let nice: Double = fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 5 ? 5 : 10
        return nice * magnitude
    }

    /// Ticks at multiples of a nice step inside the domain, about `count` intervals.
    func ticks(count: Int = 5) -> [Double] {
        let lower = min(domain.lower, domain.upper)
        let upper = max(domain.lower, domain.upper)
        let step = LinearScale.niceStep(span: upper - lower, count: count)
        guard upper > lower else { return [lower] }
        let first = ceil(lower / step - 1e-9)
        let last = floor(upper / step + 1e-9)
        guard last >= first, last - first < 1000 else { return [lower, upper] }
        return stride(from: first, through: last, by: 1).map { index in
            let value = index * step
            return abs(value) < step * 1e-9 ? 0 : value
        }
    }

    /// The same scale with its domain widened to multiples of the nice step.
    func niced(count: Int = 5) -> LinearScale {
        let lower = min(domain.lower, domain.upper)
        let upper = max(domain.lower, domain.upper)
        guard upper > lower else {
            return LinearScale(domain: (lower, lower + 1), range: (range.lower, range.upper))
        }
        let step = LinearScale.niceStep(span: upper - lower, count: count)
        return LinearScale(
            domain: (floor(lower / step + 1e-9) * step, ceil(upper / step - 1e-9) * step),
            range: (range.lower, range.upper))
    }

    /// Tick label text with as many decimals as the tick step needs.
    func tickLabel(_ value: Double, count: Int = 5) -> String {
        let step = LinearScale.niceStep(
            span: abs(domain.upper - domain.lower), count: count)
        let decimals = max(0, Int(-floor(log10(step) + 1e-9)))
        return NumberFormat.fixed(value, decimals)
    }
}
