import Foundation
import SpeclensDataset
import Testing

@testable import SpeclensReport

@Suite("The chosen ε")
struct ChosenEpsilonTests {
    @Test(
        "ε is printed as given, with at least two decimals",
        arguments: [
            (0.5, "0.50"), (0.7, "0.70"), (0.501, "0.501"), (0.05, "0.05"), (0.125, "0.125"), (1.0, "1.00"),
        ])
    func printedAsGiven(epsilon: Double, expected: String) {
        #expect(NumberFormat.epsilon(epsilon) == expected)
    }

    @Test("a non-finite ε is printed as a dash")
    func nonFinite() {
        #expect(NumberFormat.epsilon(.nan) == "–")
    }

    /// The fixture dataset analysed at ε = 0.501, with three top vectors whose max |cos| is 0.5005:
    /// intruders at 0.501 (strict <) but not in the 0.50 bucket of the grid. The LoRA run has 3
    /// intruders at 0.501 (layer 0 query j = 2, layer 0 value j = 9, layer 1 query j = 8) against 1
    /// in the 0.50 bucket; the full run has 1 (layer 0 query j = 9) against 0.
    static func datasetAt0501() -> SpectralDataset {
        var dataset = Fixtures.dataset()
        let epsilon = 0.501
        dataset.parameters.epsilon = epsilon
        for (run, matrix, rank) in [(1, 1, 9), (1, 2, 8), (0, 0, 9)] {
            dataset.runs[run].matrices[matrix].maxCosineTopK[rank] = 0.5005
        }
        for run in dataset.runs.indices {
            for index in dataset.runs[run].matrices.indices {
                var matrix = dataset.runs[run].matrices[index]
                let maxCos = matrix.maxCosineTopK.map(Double.init)
                matrix.intruderIndices = maxCos.indices.filter { maxCos[$0] < epsilon }
                matrix.intruders = matrix.intruderIndices.count
                for value in dataset.parameters.epsilonGrid {
                    matrix.intrudersByEpsilon[value] = maxCos.filter { $0 < value }.count
                }
                dataset.runs[run].matrices[index] = matrix
            }
            dataset.runs[run].summary = RunSummary(
                matrices: dataset.runs[run].matrices, epsilon: epsilon, epsilonGrid: dataset.parameters.epsilonGrid)
        }
        return dataset
    }

    /// Every `ε = 0.50` in `text` is the start of `ε = 0.501`.
    static func onlyChosenEpsilon(_ text: String) -> Bool {
        text.components(separatedBy: "ε = 0.50").dropFirst().allSatisfy { $0.hasPrefix("1") }
    }

    /// The numeric cells of the runs table row of run `id` on the overview.
    static func runRow(_ index: String, id: String) -> [String] {
        guard
            let row = index.split(separator: "\n").first(where: {
                $0.hasPrefix("<tr><th scope=\"row\"><a href=\"#run-\(id)\"")
            })
        else { return [] }
        return row.components(separatedBy: "<td class=\"num\">").dropFirst().map { String($0.prefix { $0 != "<" }) }
    }

    @Test("the fixture at ε = 0.501 counts differently at 0.501 and in the 0.50 bucket")
    func fixtureDiffers() throws {
        let dataset = Self.datasetAt0501()
        #expect(dataset.runs.map(\.summary.intruders) == [1, 3])
        #expect(dataset.runs.map { $0.summary.intrudersByEpsilon[0.5] } == [0, 1])
    }

    @Test("with ε = 0.501 the overview gives run, module-type and layer counts at 0.501 and says ε = 0.501")
    func overview() throws {
        let directory = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        _ = try SiteGenerator().generate(Self.datasetAt0501(), into: directory)
        let index = Fixtures.read(directory + "/index.html")
        // Cells: r, α, s, intruders at ε, matrices with intruders, mean effective rank, analysed, unchanged.
        #expect(Self.runRow(index, id: "lora-r4") == ["4", "8", "2", "3", "3", "3.20", "4", "1"])
        #expect(Self.runRow(index, id: "full-ft") == ["", "", "", "1", "1", "11.50", "4", "0"])
        #expect(index.contains("<th>intruders at ε = 0.501</th>"))
        #expect(
            index.contains("attention.self.query</a>: 2 matrices; intruders at ε = 0.501: full-ft: 1, lora-r4: 2</li>"))
        #expect(
            index.contains("attention.self.value</a>: 2 matrices; intruders at ε = 0.501: full-ft: 0, lora-r4: 1</li>"))
        #expect(index.contains("layer 0</a>: 2 matrices; intruders at ε = 0.501: full-ft: 1, lora-r4: 2</li>"))
        #expect(index.contains("intruder when max |cos| &lt; ε = 0.501"))
        #expect(index.contains("chosen ε = 0.501"))
        #expect(Self.onlyChosenEpsilon(index))
    }

    @Test("with ε = 0.501 the module-type, layer and matrix pages give counts at 0.501 and say ε = 0.501")
    func groupAndMatrixPages() throws {
        let directory = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let written = try SiteGenerator().generate(Self.datasetAt0501(), into: directory)
        let module = Fixtures.read(directory + "/modules/attention.self.query.html")
        #expect(module.contains("Intruders at ε = 0.501: full-ft: 1, lora-r4: 2."))
        let layer = Fixtures.read(directory + "/layers/layer-1.html")
        #expect(layer.contains("Intruders at ε = 0.501: full-ft: 0, lora-r4: 1."))
        let matrix = Fixtures.read(directory + "/matrices/encoder.layer.0.attention.self.value.weight.html")
        #expect(
            matrix.contains("<tr><th scope=\"row\">intruders at ε = 0.501 (top 10)</th><td class=\"num\">1</td></tr>"))
        #expect(matrix.contains("Intruder dimensions at ε = 0.501: ranks 9 of the fine-tuned spectrum."))
        #expect(matrix.contains("compare with ε = 0.501"))
        for page in written where page.hasSuffix(".html") || page.hasSuffix(".svg") {
            #expect(Self.onlyChosenEpsilon(Fixtures.read(directory + "/" + page)), "\(page)")
        }
    }

    @Test("with ε = 0.501 the single file selects and describes matrices by their intruders at 0.501")
    func singleFile() throws {
        let directory = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let dataset = Self.datasetAt0501()
        // At 0.501 the three matrices with intruders lead; in the 0.50 bucket only the first has any.
        #expect(SiteGenerator.singleFileSelection(dataset, limit: 3) == [0, 1, 2])
        try SiteGenerator(options: ReportOptions(singleFileMatrixLimit: 3)).generateSingleFile(
            dataset, to: directory + "/one.html")
        let text = Fixtures.read(directory + "/one.html")
        #expect(text.contains("Detail for 3 of 4 matrices: those with intruder dimensions at ε = 0.501 (most first)"))
        #expect(Self.onlyChosenEpsilon(text))
    }
}
