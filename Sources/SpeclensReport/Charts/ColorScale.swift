/// The viridis colour map (perceptually uniform, colour-blind safe, readable in grey scale) over a
/// numeric domain; values outside the domain are clamped.
struct ColorScale: Sendable {
    var lower: Double
    var upper: Double

    init(lower: Double = 0, upper: Double = 1) {
        self.lower = lower
        self.upper = upper
    }

    /// Viridis at t = 0, 0.1, …, 1 (matplotlib's values).
    static let anchors: [(Double, Double, Double)] = [
        (0x44, 0x01, 0x54), (0x48, 0x24, 0x75), (0x41, 0x44, 0x87), (0x35, 0x5F, 0x8D),
        (0x2A, 0x78, 0x8E), (0x21, 0x91, 0x8C), (0x22, 0xA8, 0x84), (0x44, 0xBF, 0x70),
        (0x7A, 0xD1, 0x51), (0xBD, 0xDF, 0x26), (0xFD, 0xE7, 0x25),
    ]

    /// Position of `value` in [0, 1].
    func fraction(_ value: Double) -> Double {
        guard upper > lower, value.isFinite else { return 0 }
        return min(1, max(0, (value - lower) / (upper - lower)))
    }

    /// `#rrggbb` for `value`.
    func color(_ value: Double) -> String {
        let t = fraction(value) * Double(ColorScale.anchors.count - 1)
        let index = min(Int(t), ColorScale.anchors.count - 2)
        let w = t - Double(index)
        let a = ColorScale.anchors[index]
        let b = ColorScale.anchors[index + 1]
        return ColorScale.hex(a.0 + (b.0 - a.0) * w, a.1 + (b.1 - a.1) * w, a.2 + (b.2 - a.2) * w)
    }

    /// Whether dark text reads better than light text on `color(value)`.
    func prefersDarkText(_ value: Double) -> Bool {
        fraction(value) > 0.55
    }

    static func hex(_ r: Double, _ g: Double, _ b: Double) -> String {
        let digits = Array("0123456789abcdef")
        var out = "#"
        for c in [r, g, b] {
            let v = Int(min(255, max(0, c.rounded())))
            out.append(digits[v / 16])
            out.append(digits[v % 16])
        }
        return out
    }
}
