import Foundation
import SpeclensDataset
import Testing

@testable import SpeclensReport

@Suite("Intruders outside the pre-trained span")
struct SpanCategoryReportTests {
    static let query0 = "encoder.layer.0.attention.self.query.weight"

    @Test(
        "the fixture's LoRA run has 1 intruder outside the span at ε = 0.50 and the full run 0, by MatrixComparison.intrudersOutsideSpan"
    )
    func fixture() {
        let dataset = TrustFixtures.withSpan()
        let outside = dataset.runs.map { run in run.matrices.reduce(0) { $0 + $1.intrudersOutsideSpan(epsilon: 0.5) } }
        #expect(outside == [0, 1])
        #expect(dataset.runs.map(\.summary.intrudersOutsideSpan) == [0, 1])
    }

    @Test(
        "the overview's runs table counts, next to the intruders at ε, those outside the span as intrudersOutsideSpan does (full-ft 0, lora-r4 1)"
    )
    func overviewColumn() throws {
        let dataset = TrustFixtures.withSpan()
        let (directory, _) = try TrustFixtures.render(dataset)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let index = Fixtures.read(directory + "/index.html")
        #expect(index.contains("<th>intruders at ε = 0.50</th><th>of them outside the span</th>"))
        for (position, run) in dataset.runs.enumerated() {
            let cells = ChosenEpsilonTests.runRow(index, id: run.id.rawValue)
            let expected = run.matrices.reduce(0) { $0 + $1.intrudersOutsideSpan(epsilon: dataset.parameters.epsilon) }
            // Cells: r, α, s, intruders at ε, outside the span, …
            #expect(cells.count > 4 && cells[3] == String(run.summary.intruders) && cells[4] == String(expected))
            #expect(expected == [0, 1][position])
        }
        #expect(
            index.contains(
                "<p class=\"span\">Intruders fall into two categories: low-similarity intruders, new directions within the span"
            ))
        #expect(
            index.contains(
                "more than half of their squared norm outside the span of the pre-trained vectors (f² &lt; 1/2), possible only where the compared space is larger than that span (n &gt; p), here in 1 of 4 matrices"
            ))
    }

    @Test("without span fractions the overview has no span column and no span sentence")
    func absent() throws {
        let (directory, _) = try TrustFixtures.render(Fixtures.dataset())
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let index = Fixtures.read(directory + "/index.html")
        #expect(!index.contains("outside the span"))
    }

    @Test(
        "the matrix page marks vectors leaving the span with a diamond in the max |cos| chart, lists them, and counts intruders outside the span (j = 2 intruder, j = 4 not)"
    )
    func matrixPage() throws {
        let (directory, _) = try TrustFixtures.render(TrustFixtures.withSpan())
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let page = Fixtures.read(directory + "/matrices/\(Self.query0).html")
        #expect(page.contains("The compared space (n = 32) is larger than the span of the p = 16 pre-trained vectors"))
        #expect(page.contains("Intruders outside the pre-trained span (f² &lt; 1/2): ranks 2 (f = 0.500)."))
        #expect(
            page.contains("Top-k vectors that leave the span without being intruders at ε = 0.50: ranks 4 (f = 0.600).")
        )
        #expect(
            page.contains(
                "<tr><th scope=\"row\">of them outside the pre-trained span (f² &lt; 1/2)</th><td class=\"num\">1</td></tr>"
            ))
        #expect(page.contains("No top-k vector leaves the pre-trained span."))  // the full run
        let svg = Fixtures.read(directory + "/charts/matrices/\(Self.query0)/lora-r4-max-cosine.svg")
        #expect(svg.contains("<title>j = 2 leaves the pre-trained span: f = 0.500</title></polygon>"))
        #expect(svg.contains("<title>j = 4 leaves the pre-trained span: f = 0.600</title></polygon>"))
        #expect(svg.components(separatedBy: "leaves the pre-trained span: f =").count - 1 == 2)
        #expect(svg.contains(">leaves the pre-trained span (f² &lt; 1/2)</text>"))
        let csv = Fixtures.read(directory + "/charts/matrices/\(Self.query0)/lora-r4-max-cosine.csv")
        #expect(TrustFixtures.column("leaves_span", in: csv) == ["0", "0", "1", "0", "1", "0", "0", "0", "0", "0"])
        #expect(TrustFixtures.column("span_fraction", in: csv)[2] == "0.5000")
        // A matrix whose space is the span has no span fractions: empty cells.
        let other = Fixtures.read(
            directory + "/charts/matrices/encoder.layer.0.attention.self.value.weight/lora-r4-max-cosine.csv")
        #expect(TrustFixtures.column("leaves_span", in: other) == Array(repeating: "", count: 10))
    }
}
