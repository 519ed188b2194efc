import SpeclensDataset
import Testing

@Suite("EpsilonKey")
struct EpsilonKeyTests {
    @Test(
        "ε is written with exactly two decimals",
        arguments: [
            (0.5, "0.50"), (0.05, "0.05"), (0.1, "0.10"), (0.95, "0.95"), (1.0, "1.00"),
            (0.15000000000000002, "0.15"),
        ])
    func twoDecimals(epsilon: Double, key: String) {
        #expect(EpsilonKey.string(epsilon) == key)
    }

    @Test("the default grid gives the keys 0.05 … 0.95")
    func defaultGrid() {
        let keys = AnalysisParameters.defaultEpsilonGrid.map(EpsilonKey.string)
        #expect(keys.first == "0.05")
        #expect(keys.last == "0.95")
        #expect(keys.count == 19)
        #expect(Set(keys).count == 19)
    }
}
