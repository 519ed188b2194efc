import Foundation
import SpeclensDataset
import Testing

@testable import SpeclensReport

@Suite("Stack steps against the previous step in the report")
struct PreviousStepReportTests {
    /// The experiment fixture with step 2 also compared with step 1: its max |cos| against the
    /// previous step puts 2 vectors of the first matrix below 0.5 and one more below 0.7, and
    /// every changed matrix's own update has effective rank 2.
    static func dataset() -> SpectralDataset {
        var dataset = ExperimentFixture.dataset()
        let index = dataset.runs.firstIndex { $0.id.rawValue == "seq-step2" }!
        var matrices = dataset.runs[index].matrices
        for position in matrices.indices {
            matrices[position].maxCosineTopK = matrices[position].maxCosineTopK.map { _ in 0.95 }
            if matrices[position].changed { matrices[position].effectiveRank = 2 }
        }
        matrices[0].maxCosineTopK[0] = 0.2
        matrices[0].maxCosineTopK[1] = 0.3
        matrices[0].maxCosineTopK[2] = 0.6
        let reread = ExperimentFixture.reread(
            FineTuneRun(
                id: RunID("x"), path: "", kind: .lora, lora: nil, summary: dataset.runs[index].summary,
                matrices: matrices, skipped: [], warnings: []), dataset.parameters)
        dataset.runs[index].againstPreviousStep = StepComparison(
            previous: RunID("seq-step1"), summary: reread.summary, matrices: reread.matrices)
        return dataset
    }

    @Test(
        "The stack figures get a second series per stack, each step against the previous one (step 1's previous step is the base), with the numbers of the dataset at the ε in force"
    )
    func stackFigureSeries() throws {
        let dataset = Self.dataset()
        for epsilon in [0.5, 0.7] {
            let directory = try ReadingEpsilonTests.render(
                dataset, ReportOptions(readingEpsilons: try ReadingEpsilons([epsilon])))
            defer { try? FileManager.default.removeItem(atPath: directory) }
            let step1 = dataset.runs.first { $0.id.rawValue == "seq-step1" }!
            let intruders = ExperimentFixture.rows(Fixtures.read(directory + "/charts/overview/stack-intruders.csv"))
            #expect(
                intruders.map { [$0[0], $0[1], $0[3], $0[4]] } == [
                    ["A then B", "seq-step1", "1", String(ReadingEpsilonTests.direct(step1, epsilon))],
                    ["A then B", "seq-step2", "2", String(ReadingEpsilonTests.direct(dataset.runs[6], epsilon))],
                    [
                        "A then B: against previous step", "seq-step1", "1",
                        String(ReadingEpsilonTests.direct(step1, epsilon)),
                    ],
                    ["A then B: against previous step", "seq-step2", "2", epsilon == 0.5 ? "2" : "3"],
                ])
            let ranks = ExperimentFixture.rows(Fixtures.read(directory + "/charts/overview/stack-effective-rank.csv"))
            #expect(ranks.last.map { [$0[0], $0[4]] } == ["A then B: against previous step", "2.00000"])
            let svg = Fixtures.read(directory + "/charts/overview/stack-intruders.svg")
            #expect(svg.contains("A then B: against previous step") && XMLCheck.isWellFormed(svg).0)
            // The run's section of the overview and the first matrix's page say it too.
            let index = Fixtures.read(directory + "/index.html")
            let sentence = try #require(
                index.range(of: "against the previous step (A then B · step 1").map {
                    index[$0.lowerBound...].prefix(220)
                })
            #expect(
                sentence.contains(
                    "\(epsilon == 0.5 ? 2 : 3) intruders at ε = \(NumberFormat.epsilon(epsilon)) in 1 matrices"),
                "\(sentence)")
            #expect(sentence.contains("mean effective rank of the step"), "\(sentence)")
            let context = try SiteContext(
                dataset: dataset, options: ReportOptions(), templates: try TemplateSet(overrideDirectory: nil),
                layout: SiteLayout(options: ReportOptions()))
            let page = Fixtures.read(directory + "/" + context.matrixPage(0).path)
            #expect(
                page.contains(
                    "against the previous step: intruders at ε = \(NumberFormat.epsilon(epsilon)) (top 10)</th><td class=\"num\">\(epsilon == 0.5 ? 2 : 3)<"
                ))
        }
    }

    @Test("Without a comparison with the previous step the stack figures keep one series per stack")
    func withoutPreviousStep() throws {
        let directory = try ReadingEpsilonTests.render(ExperimentFixture.dataset(), ReportOptions())
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let intruders = ExperimentFixture.rows(Fixtures.read(directory + "/charts/overview/stack-intruders.csv"))
        #expect(intruders.map { $0[0] } == ["A then B", "A then B"])
        #expect(!Fixtures.read(directory + "/index.html").contains("against the previous step"))
    }
}
