import SpeclensDataset
import Testing

@testable import SpeclensReport

@Suite(
    "IntruderConcentration: one matrix holding at least half of a run's intruders is flagged, in words and next to the count"
)
struct IntruderConcentrationTests {
    /// A LoRA run over matrices named `a…`, each with an intruder at rank 2 where `intruders` says so.
    static func run(_ intruders: [Bool]) -> FineTuneRun {
        var run = Fixtures.dataset().runs[1]
        run.matrices = intruders.enumerated().map { index, has in
            Fixtures.comparison("m\(index).weight", n: 16, intruder: has ? 2 : nil, lora: true)
        }
        return run
    }

    @Test(
        "Two intruders in two matrices: one holds half, flagged (the first by name); one intruder, or three in three matrices: not flagged"
    )
    func threshold() {
        let half = IntruderConcentration.of(Self.run([true, true, false]), atEpsilon: 0.5)
        #expect(half == IntruderConcentration(matrix: "m0.weight", count: 1, total: 2, epsilon: 0.5))
        #expect(IntruderConcentration.of(Self.run([false, true, false]), atEpsilon: 0.5) == nil)
        #expect(IntruderConcentration.of(Self.run([true, true, true]), atEpsilon: 0.5) == nil)
        #expect(IntruderConcentration.of(Self.run([false, false]), atEpsilon: 0.5) == nil)
    }

    @Test(
        "The sentence names the matrix, both counts and the ε; the runs-table cell carries the mark with the sentence escaped as its title"
    )
    func words() {
        let concentration = IntruderConcentration(matrix: "pooler.<dense>.weight", count: 10, total: 10, epsilon: 0.5)
        let sentence = concentration.sentence(epsilonText: "0.50")
        #expect(
            sentence.hasPrefix("10 of this run's 10 intruders at ε = 0.50 lie in one matrix, pooler.<dense>.weight"))
        let cell = OverviewRunsBuilder.intrudersCell(10, concentration, sentence).escaped
        #expect(cell.hasPrefix("10 <span class=\"warn\" title=\"10 of this run"))
        #expect(cell.contains("pooler.&lt;dense&gt;.weight") && !cell.contains("<dense>"))
        #expect(OverviewRunsBuilder.intrudersCell(3, nil, nil).escaped == "3")
    }
}
