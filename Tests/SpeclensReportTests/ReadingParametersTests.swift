import SpeclensDataset
import Testing

@testable import SpeclensReport

@Suite("The reading ε beside the analysis ε")
struct ReadingParametersTests {
    @Test("reading at another ε keeps the dataset's parameters as analysed and carries the ε in force beside them")
    func parametersStay() throws {
        let dataset = Fixtures.dataset()
        let reading = try DatasetReading(dataset, options: ReportOptions(readingEpsilons: ReadingEpsilons([0.7, 0.5])))
        #expect(reading.dataset.parameters == dataset.parameters)
        #expect(reading.epsilon == 0.7 && reading.analysisEpsilon == 0.5)
        #expect(reading.dataset.runs[1].summary.intruders == dataset.runs[1].reading(atEpsilon: 0.7).summary.intruders)
    }

    @Test("a matrix page's ε grid follows the analysis grid in numeric order, leaving out ε's without a count")
    func epsilonGrid() {
        var comparison = Fixtures.dataset().runs[1].matrices[0]
        comparison.intrudersByEpsilon = [0.05: 0, 0.5: 1, 0.95: 3, 1.0: 4]
        #expect(
            MatrixRunSectionBuilder.epsilonGridText(comparison, grid: [1.0, 0.5, 0.05, 0.3])
                == "0.05: 0, 0.50: 1, 1.00: 4")
        #expect(MatrixRunSectionBuilder.epsilonGridText(comparison, grid: []) == "–")
    }
}
