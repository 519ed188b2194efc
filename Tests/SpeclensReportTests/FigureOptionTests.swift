import Foundation
import SpeclensDataset
import Testing

@testable import SpeclensReport

/// Figure options for papers: the ε chart's x range, counts or fractions of the top k, and where
/// legends go.
@Suite("Figure options")
struct FigureOptionTests {
    static func epsilonChart(_ options: ReportOptions, dataset: SpectralDataset = Fixtures.dataset()) throws -> Chart {
        let reading = try DatasetReading(dataset, options: options)
        return EpsilonCurveChart.make(
            dataset: reading.dataset, path: SitePath("x"), figures: FigureSettings(reading: reading, options: options))
    }

    /// The points of each series polyline in an SVG.
    static func polylines(_ svg: String) -> [[(Double, Double)]] {
        svg.components(separatedBy: "<g class=\"series\"").dropFirst().compactMap { group in
            guard
                let points = group.components(separatedBy: "points=\"").dropFirst().first?.prefix(while: { $0 != "\"" })
            else { return nil }
            return points.split(separator: " ").map { pair in
                let xy = pair.split(separator: ",").map { Double($0)! }
                return (xy[0], xy[1])
            }
        }
    }

    @Test("an ε range draws only the grid points inside it, with ticks from its lower end; the CSV keeps every ε")
    func epsilonRange() throws {
        let chart = try Self.epsilonChart(ReportOptions(epsilonRange: try EpsilonRange.parse("0.3:1")))
        let svg = chart.svg.render(standalone: true).escaped
        let lines = Self.polylines(svg)
        #expect(lines.count == 2 && lines.allSatisfy { $0.count == 14 })  // 0.30, 0.35, …, 0.95
        #expect(svg.contains(">0.3</text>") && !svg.contains(">0.2</text>"))
        #expect(chart.csv.rows.count == 19)
        #expect(throws: ReportError.self) { try EpsilonRange.parse("0.5") }
        #expect(throws: ReportError.self) { try EpsilonRange.parse("0.8:0.2") }
        #expect(throws: ReportError.self) { try EpsilonRange.parse("-0.1:1") }
    }

    @Test("as fractions, each total is divided by the top-k vectors tested over the same matrices")
    func fractions() throws {
        let dataset = Fixtures.dataset()
        let chart = try Self.epsilonChart(ReportOptions(intruderScale: .fraction), dataset: dataset)
        let svg = chart.svg.render(standalone: true).escaped
        #expect(svg.contains("intruders (fraction of top-k vectors, all matrices)"))
        for (row, epsilon) in dataset.parameters.epsilonGrid.enumerated() {
            for (column, run) in dataset.runs.enumerated() {
                let vectors = run.matrices.map(\.maxCosineTopK.count).reduce(0, +)
                let expected = Double(ReadingEpsilonTests.direct(run, epsilon)) / Double(vectors)
                #expect(abs(Double(chart.csv.rows[row][column + 1])! - expected) < 1e-6)
            }
        }
    }

    @Test("legends go above, to the right of, below or nowhere near the plot", arguments: LegendPlacement.allCases)
    func legends(placement: LegendPlacement) throws {
        var dataset = Fixtures.dataset()
        dataset.runs[0].label = "Full fine-tune"
        let chart = try Self.epsilonChart(ReportOptions(legendPlacement: placement), dataset: dataset)
        let svg = chart.svg.render(standalone: true).escaped
        // The attributes of the legend's text element for the run.
        let before = svg.range(of: ">Full fine-tune</text>").map { String(svg[..<$0.lowerBound]) }
        let label = before?.components(separatedBy: "<text ").last ?? ""
        let plotTop = Self.polylines(svg).flatMap { $0.map(\.1) }.min() ?? 0
        func attribute(_ name: String) -> Double {
            Double(label.components(separatedBy: "\(name)=\"").dropFirst().first?.prefix { $0 != "\"" } ?? "") ?? .nan
        }
        switch placement {
        case .top: #expect(attribute("y") < plotTop && chart.svg.width == 680)
        case .right: #expect(attribute("x") > 680 && chart.svg.width > 680)
        case .bottom: #expect(attribute("y") > 300 && chart.svg.width == 680)
        case .none: #expect(!svg.contains(">Full fine-tune</text>") && svg.contains("aria-label=\"Full fine-tune\""))
        }
        #expect(XMLCheck.isWellFormed(svg).0)
    }

    @Test("effective-rank maps: each run on its own colour scale, or all on one with the shared-scale option")
    func sharedRankScale() throws {
        func tops(_ options: ReportOptions) throws -> [String] {
            let directory = try ReadingEpsilonTests.render(Fixtures.dataset(), options)
            defer { try? FileManager.default.removeItem(atPath: directory) }
            return ["full-ft", "lora-r4"].map { run in
                let svg = Fixtures.read(directory + "/charts/overview/effective-rank-\(run).svg")
                return String(svg.components(separatedBy: "(viridis, 0 to ")[1].prefix { $0 != ")" })
            }
        }
        // The fixture's effective ranks: 11.5 in the full run, 3.2 in the LoRA run.
        #expect(try tops(ReportOptions()) == ["11.5", "3.20"])
        #expect(try tops(ReportOptions(sharedRankScale: true)) == ["11.5", "11.5"])
    }
}
