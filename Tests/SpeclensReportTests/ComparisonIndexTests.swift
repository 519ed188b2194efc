import SpeclensDataset
import Testing
@testable import SpeclensReport

@Suite("Comparison index")
struct ComparisonIndexTests {
    @Test("runs are addressed by position, even when two share an id, and the first record of a repeated name wins")
    func lookups() {
        var dataset = Fixtures.dataset()
        dataset.runs[1].id = dataset.runs[0].id
        var repeated = dataset.runs[1].matrices[0]
        repeated.intruders = 99
        dataset.runs[1].matrices.append(repeated)
        let index = ComparisonIndex(dataset.runs)
        let name = dataset.base.matrices[0].name
        #expect(index[run: 0][name]?.intruders == 0)
        #expect(index[run: 1][name]?.intruders == 1)
        #expect(index[run: 1].count == 4)
    }
}
