import Foundation
import SpeclensDataset
import Testing

@Suite("IntruderCounts: counts by ε, written as the dataset always wrote them")
struct IntruderCountsTests {
    @Test("Written as an object keyed by two-decimal ε, and read back equal")
    func json() throws {
        let counts: IntruderCounts = [0.5: 1, 0.05: 0, 0.95: 3]
        let data = try DatasetCoding.deterministicJSON(counts)
        #expect(String(decoding: data, as: UTF8.self) == #"{"0.05":0,"0.50":1,"0.95":3}"# + "\n")
        let decoded = try JSONDecoder().decode(IntruderCounts.self, from: data)
        #expect(decoded == counts)
    }

    @Test("Looked up by ε (rounded to the grid's two decimals), listed in numeric order, counted strictly below ε")
    func lookup() {
        let counts = IntruderCounts(maxCosines: [0.2, 0.5, 0.8], grid: [0.1, 0.5, 0.9])
        #expect(counts[0.5] == 1 && counts[0.50000001] == 1 && counts[0.9] == 3 && counts[0.1] == 0)
        #expect(counts[0.7] == nil)
        #expect(counts.pairs.map(\.epsilon) == [0.1, 0.5, 0.9])
        #expect(counts.epsilons == [0.1, 0.5, 0.9])
    }

    @Test("Sums: on a grid (an ε a member lacks counts 0), and of two counts at each ε either has")
    func sums() {
        let a: IntruderCounts = [0.5: 1, 0.9: 2]
        let b: IntruderCounts = [0.5: 3]
        #expect(IntruderCounts.sum([a, b], grid: [0.5, 0.9]) == [0.5: 4, 0.9: 2])
        #expect(a + b == [0.5: 4, 0.9: 2])
    }
}
