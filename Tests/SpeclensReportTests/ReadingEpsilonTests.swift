import Foundation
import SpeclensDataset
import Testing

@testable import SpeclensReport

/// The report read at an ε other than the analysis ε: every count comes from the stored max |cos|.
@Suite("Reading ε")
struct ReadingEpsilonTests {
    /// Intruders of `run` at `epsilon` counted here from the max |cos| values, independently of
    /// the report's code (strict `<`).
    static func direct(_ run: FineTuneRun, _ epsilon: Double, names: Set<String>? = nil) -> Int {
        run.matrices.filter { names?.contains($0.name) ?? true }
            .map { $0.maxCosineTopK.filter { Double($0) < epsilon }.count }.reduce(0, +)
    }

    static func render(_ dataset: SpectralDataset, _ options: ReportOptions) throws -> String {
        let directory = try Fixtures.temporaryDirectory()
        _ = try SiteGenerator(options: options).generate(dataset, into: directory)
        return directory
    }

    @Test("a reading-ε list is validated in (0, 1], parsed from commas, and its first value is in force")
    func parsing() throws {
        let list = try ReadingEpsilons.parse("0.7, 0.5,0.9,0.7")
        #expect(list.values == [0.7, 0.5, 0.9] && list.inForce == 0.7)
        for bad in ["0", "1.5", "-0.2", "x", "", "0.5,,0.7", "nan"] {
            #expect(throws: ReportError.self) { try ReadingEpsilons.parse(bad) }
        }
        #expect(try ReadingEpsilons.parse("1").values == [1])
    }

    @Test(
        "read at ε = 0.70, the runs table, group pages, matrix pages and intruder maps give the counts of max |cos| < 0.70"
    )
    func countsAt07() throws {
        let dataset = Fixtures.dataset()
        // The fixture's top vectors have max |cos| 0.95 − 0.03 j: at 0.70 every changed matrix has
        // j = 9 (0.68) as an intruder, which the 0.50 analysis does not count.
        #expect(Self.direct(dataset.runs[1], 0.7) != dataset.runs[1].summary.intruders)
        let directory = try Self.render(dataset, ReportOptions(readingEpsilons: try ReadingEpsilons([0.7])))
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let index = Fixtures.read(directory + "/index.html")
        for run in dataset.runs {
            let cells = ChosenEpsilonTests.runRow(index, id: run.id.rawValue)
            #expect(cells.count > 5 && cells[3] == String(Self.direct(run, 0.7)), "\(run.id): \(cells)")
        }
        #expect(index.contains("<th>intruders at ε = 0.70</th>"))
        #expect(index.contains("ε in force: ε = 0.70, chosen when rendering; the dataset was analysed at ε = 0.50"))
        let queries = Set(dataset.base.matrices.filter { $0.module == "attention.self.query" }.map(\.name))
        let module = Fixtures.read(directory + "/modules/attention.self.query.html")
        let expected = dataset.runs.map { "\($0.id): \(Self.direct($0, 0.7, names: queries))" }.joined(separator: ", ")
        #expect(module.contains("Intruders at ε = 0.70: \(expected)."))
        for (position, base) in dataset.base.matrices.enumerated() {
            let page = Fixtures.read(directory + "/matrices/\(base.name).html")
            for run in dataset.runs {
                let count = run.matrices[position].maxCosineTopK.filter { Double($0) < 0.7 }.count
                #expect(
                    page.contains(
                        "<tr><th scope=\"row\">intruders at ε = 0.70 (top 10)</th><td class=\"num\">\(count)</td></tr>")
                )
            }
            #expect(!page.contains("ε = 0.50"), "\(base.name)")
        }
        // The intruder map's CSV holds each matrix's count at 0.70.
        let csv = Fixtures.read(directory + "/charts/overview/intruders-map-lora-r4.csv")
        for comparison in dataset.runs[1].matrices where comparison.changed {
            let count = comparison.maxCosineTopK.filter { Double($0) < 0.7 }.count
            #expect(csv.contains("\"\(comparison.name)\",\(count),"), "\(comparison.name)")
        }
        // The ε curve's description and legend name the ε in force.
        #expect(Fixtures.read(directory + "/charts/overview/intruders-vs-epsilon.svg").contains("chosen ε = 0.70"))
    }

    @Test("a reading list adds a column per further ε with the counts from max |cos|, and marks them on the ε chart")
    func list() throws {
        let dataset = Fixtures.dataset()
        let directory = try Self.render(dataset, ReportOptions(readingEpsilons: try ReadingEpsilons([0.7, 0.5, 0.9])))
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let index = Fixtures.read(directory + "/index.html")
        #expect(index.contains("<th>intruders at ε = 0.70</th><th>at ε = 0.50</th><th>at ε = 0.90</th>"))
        for run in dataset.runs {
            let cells = ChosenEpsilonTests.runRow(index, id: run.id.rawValue)
            #expect(Array(cells[3...5]) == [0.7, 0.5, 0.9].map { String(Self.direct(run, $0)) }, "\(run.id)")
        }
        #expect(index.contains("also read at: ε = 0.50, ε = 0.90"))
        #expect(
            Fixtures.read(directory + "/charts/overview/intruders-vs-epsilon.svg").contains(
                "also read at ε = 0.50, 0.90"))
    }

    @Test("read at the analysis ε, the report is the same as without a reading list")
    func analysisEpsilonChangesNothing() throws {
        let dataset = Fixtures.dataset()
        let plain = try Self.render(dataset, ReportOptions())
        let read = try Self.render(dataset, ReportOptions(readingEpsilons: try ReadingEpsilons([0.5])))
        defer { for folder in [plain, read] { try? FileManager.default.removeItem(atPath: folder) } }
        for file in Fixtures.files(in: plain) {
            #expect(Fixtures.read(plain + "/" + file) == Fixtures.read(read + "/" + file), "\(file)")
        }
    }

    @Test("the spectrum figure, computed at the analysis ε, says so when the report is read at another")
    func spectrumFigureStatesItsEpsilon() throws {
        let directory = try Self.render(
            datasetWithFractions(), ReportOptions(readingEpsilons: try ReadingEpsilons([0.7])))
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let note =
            "These fractions were computed at the analysis ε = 0.50, the only ε the dataset holds them at; the counts elsewhere use ε = 0.70."
        #expect(Fixtures.read(directory + "/index.html").contains(note))
        #expect(Fixtures.read(directory + "/modules/attention.self.query.html").contains(note))
        #expect(Fixtures.read(directory + "/charts/overview/intruders-across-spectrum.svg").contains("ε = 0.50"))
        let plain = try Self.render(datasetWithFractions(), ReportOptions())
        defer { try? FileManager.default.removeItem(atPath: plain) }
        #expect(!Fixtures.read(plain + "/index.html").contains("These fractions were computed at the analysis ε"))
    }

    @Test("the single file chooses its matrices by their intruders at the ε in force")
    func singleFileSelection() throws {
        var dataset = Fixtures.dataset()
        // Matrix 3 gets two vectors at 0.6 and 0.65: intruders at 0.7 only.
        dataset.runs[0].matrices[3].maxCosineTopK[0] = 0.6
        dataset.runs[0].matrices[3].maxCosineTopK[1] = 0.65
        let directory = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let options = ReportOptions(singleFileMatrixLimit: 1, readingEpsilons: try ReadingEpsilons([0.7]))
        try SiteGenerator(options: options).generateSingleFile(dataset, to: directory + "/one.html")
        let text = Fixtures.read(directory + "/one.html")
        // At 0.7 matrix 3 has three intruders in the full run (j = 0, 1 and 9), more than any other
        // (at 0.5 it has none, and matrix 0 with the LoRA run's intruder would be chosen).
        #expect(text.contains("id=\"matrix-encoder.layer.1.attention.self.value.weight\""))
        #expect(text.contains("intruder dimensions at ε = 0.70"))
    }

    @Test("runs can be chosen and ordered; an unknown or repeated run is refused")
    func runSelection() throws {
        let dataset = Fixtures.dataset()
        let directory = try Self.render(dataset, ReportOptions(runs: ["lora-r4"]))
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let index = Fixtures.read(directory + "/index.html")
        #expect(
            !ChosenEpsilonTests.runRow(index, id: "lora-r4").isEmpty
                && ChosenEpsilonTests.runRow(index, id: "full-ft").isEmpty)
        #expect(
            Fixtures.read(directory + "/charts/overview/intruders-vs-epsilon.csv").hasPrefix(
                "\"epsilon\",\"lora-r4\"\n"))
        let reversed = try Self.render(dataset, ReportOptions(runs: ["lora-r4", "full-ft"]))
        defer { try? FileManager.default.removeItem(atPath: reversed) }
        #expect(
            Fixtures.read(reversed + "/charts/overview/intruders-vs-epsilon.csv").hasPrefix(
                "\"epsilon\",\"lora-r4\",\"full-ft\"\n"))
        #expect(throws: ReportError.unknownRun("nope", known: ["full-ft", "lora-r4"])) {
            try SiteGenerator(options: ReportOptions(runs: ["nope"])).generate(dataset, into: directory)
        }
        #expect(throws: ReportError.repeatedRun("full-ft")) {
            try SiteGenerator(options: ReportOptions(runs: ["full-ft", "full-ft"])).generate(dataset, into: directory)
        }
    }
}
