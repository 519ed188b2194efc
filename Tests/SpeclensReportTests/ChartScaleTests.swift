import Testing

@testable import SpeclensReport

@Suite("Scales, ticks and colours")
struct ChartScaleTests {
    @Test("log ticks over 1e-3…1e2 are the six powers of ten")
    func logTicksWide() {
        let scale = LogScale(domain: (1e-3, 1e2), range: (0, 100))
        let ticks = scale.ticks()
        #expect(ticks.count == 6)
        for (tick, expected) in zip(ticks, [1e-3, 1e-2, 1e-1, 1, 10, 100]) {
            #expect(abs(tick / expected - 1) < 1e-9)
        }
        #expect(ticks.map(LogScale.tickLabel) == ["0.001", "0.01", "0.1", "1", "10", "100"])
    }

    @Test("log ticks over two decades use 1, 2, 5 × 10^k")
    func logTicksNarrow() {
        let ticks = LogScale(domain: (1, 100), range: (0, 100)).ticks()
        #expect(ticks.map(LogScale.tickLabel) == ["1", "2", "5", "10", "20", "50", "100"])
    }

    @Test("log scale maps decades to equal distances and nices to powers of ten")
    func logMapping() {
        let scale = LogScale(domain: (0.03, 70), range: (0, 300)).niced()
        #expect(abs(scale.domain.lower - 0.01) < 1e-12 && abs(scale.domain.upper - 100) < 1e-9)
        #expect(abs(scale(0.01) - 0) < 1e-9 && abs(scale(1) - 150) < 1e-9 && abs(scale(100) - 300) < 1e-9)
        #expect(LogScale.tickLabel(1e5) == "1e5" && LogScale.tickLabel(2e-5) == "2e-5")
    }

    @Test("linear nice ticks are multiples of 1, 2 or 5 × 10^k")
    func linearTicks() {
        #expect(
            LinearScale(domain: (0, 1), range: (0, 1)).ticks(count: 5) == [0, 0.2, 0.4, 0.6000000000000001, 0.8, 1]
                || LinearScale(domain: (0, 1), range: (0, 1)).ticks(count: 5).map { ($0 * 10).rounded() } == [
                    0, 2, 4, 6, 8, 10,
                ])
        #expect(LinearScale(domain: (0, 37), range: (0, 1)).niced(count: 5).domain.upper == 40)
        #expect(LinearScale(domain: (0, 37), range: (0, 1)).niced(count: 5).ticks(count: 5) == [0, 10, 20, 30, 40])
        #expect(LinearScale.niceStep(span: 0.95, count: 10) == 0.1)
        #expect(LinearScale.niceStep(span: 730, count: 5) == 200)
        let scale = LinearScale(domain: (0, 1), range: (0, 1))
        #expect(scale.tickLabel(0.5, count: 10) == "0.5")
        #expect(LinearScale(domain: (2, 2), range: (0, 10))(2) == 5)
    }

    @Test("viridis endpoints and clamping")
    func colorScale() {
        let scale = ColorScale(lower: 0, upper: 1)
        #expect(scale.color(0) == "#440154")
        #expect(scale.color(1) == "#fde725")
        #expect(scale.color(-3) == "#440154" && scale.color(9) == "#fde725")
        #expect(scale.color(0.5) == "#21918c")
        #expect(ColorScale(lower: 0, upper: 200).color(100) == "#21918c")
    }

    @Test("the categorical palette is Okabe–Ito and cycles")
    func palette() {
        #expect(CategoricalPalette.color(0) == "#0072B2")
        #expect(CategoricalPalette.color(CategoricalPalette.colors.count) == CategoricalPalette.color(0))
    }

    @Test("numbers are formatted with fixed precision and no locale")
    func numberFormat() {
        #expect(NumberFormat.fixed(0.5, 2) == "0.50")
        #expect(NumberFormat.fixed(-0.004, 2) == "0.00")
        #expect(NumberFormat.fixed(-1.25, 1) == "-1.3" || NumberFormat.fixed(-1.25, 1) == "-1.2")
        #expect(NumberFormat.fixed(1234567.891, 2) == "1234567.89")
        #expect(NumberFormat.significant(0.012345, 3) == "0.0123")
        #expect(NumberFormat.significant(0.0000123, 3) == "1.23e-5")
        #expect(NumberFormat.significant(198.04, 3) == "198")
        #expect(NumberFormat.coordinate(12.50) == "12.5" && NumberFormat.coordinate(3) == "3")
        #expect(NumberFormat.fixed(.nan, 2) == "–")
    }
}
