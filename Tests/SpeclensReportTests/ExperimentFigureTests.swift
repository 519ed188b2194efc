import Foundation
import SpeclensDataset
import Testing

@testable import SpeclensReport

/// An experiment over the fixture's matrices: a labelled full fine-tune with supplied metrics,
/// LoRA runs of ranks 1, 8 and 64 in two α families (ranks and counts differ by run), and a
/// two-step stack.
enum ExperimentFixture {
    static func dataset() -> SpectralDataset {
        var dataset = Fixtures.dataset()
        dataset.runs[0].label = "Full fine-tune"
        dataset.runs[0].tags = ["method": .text("full")]
        dataset.runs[0].metrics = ["accuracy": 0.91, "forgetting": 0.031]
        let lora = dataset.runs[1]
        func run(_ id: String, rank: Double, family: String?, extra: Int, effectiveRank: Double, accuracy: Double?)
            -> FineTuneRun
        {
            var run = lora
            run.id = RunID(id)
            run.label = "LoRA r=\(Int(rank))" + (family.map { " (\($0))" } ?? "")
            var tags: [String: TagValue] = ["rank": .number(rank), "method": .text("lora")]
            if let family { tags["family"] = .text(family) }
            run.tags = tags
            run.metrics = accuracy.map { ["accuracy": $0] }
            // `extra` more top vectors below 0.5 in the first matrix.
            for j in 0..<extra { run.matrices[0].maxCosineTopK[9 - j] = 0.3 }
            for index in run.matrices.indices where run.matrices[index].changed {
                run.matrices[index].effectiveRank = effectiveRank
            }
            return reread(run, dataset.parameters)
        }
        var step1 = run("seq-step1", rank: 8, family: nil, extra: 1, effectiveRank: 6, accuracy: 0.8)
        step1.label = "A then B · step 1"
        step1.stack = ["a"]
        step1.tags?["task"] = .text("sequential")
        var step2 = run("seq-step2", rank: 4, family: nil, extra: 3, effectiveRank: 9, accuracy: 0.7)
        step2.label = "A then B · step 2"
        step2.stack = ["a", "b"]
        step2.tags?["task"] = .text("sequential")
        dataset.runs = [
            dataset.runs[0],
            run("r1", rank: 1, family: "alpha-2r", extra: 0, effectiveRank: 1, accuracy: 0.87),
            run("r8", rank: 8, family: "alpha-2r", extra: 2, effectiveRank: 5.5, accuracy: 0.89),
            run("r64", rank: 64, family: "alpha-2r", extra: 4, effectiveRank: 40, accuracy: nil),
            run("r8-a8", rank: 8, family: "alpha-8", extra: 1, effectiveRank: 4, accuracy: 0.88),
            step1, step2,
        ]
        return dataset
    }

    /// `run` with its counts and summary recomputed from its max |cos| at the dataset's ε.
    static func reread(_ run: FineTuneRun, _ parameters: AnalysisParameters) -> FineTuneRun {
        var run = run
        for index in run.matrices.indices {
            let maxCos = run.matrices[index].maxCosineTopK.map(Double.init)
            run.matrices[index].intruderIndices = maxCos.indices.filter { maxCos[$0] < parameters.epsilon }
            run.matrices[index].intruders = run.matrices[index].intruderIndices.count
            for value in parameters.epsilonGrid {
                run.matrices[index].intrudersByEpsilon[value] = maxCos.filter { $0 < value }.count
            }
        }
        run.summary = RunSummary(
            matrices: run.matrices, epsilon: parameters.epsilon, epsilonGrid: parameters.epsilonGrid)
        return run
    }

    /// The rows of a CSV file below the header, split at commas (the fixture's texts hold none).
    static func rows(_ csv: String) -> [[String]] {
        csv.split(separator: "\n").dropFirst().map {
            $0.split(separator: ",", omittingEmptySubsequences: false).map {
                $0.trimmingCharacters(in: CharacterSet(charactersIn: "\""))
            }
        }
    }
}

@Suite("Comparison figures")
struct ExperimentFigureTests {
    @Test(
        "intruders and mean effective rank against rank: one series per family, the full fine-tune as a reference, numbers from the dataset"
    )
    func againstRank() throws {
        let dataset = ExperimentFixture.dataset()
        let directory = try ReadingEpsilonTests.render(
            dataset, ReportOptions(readingEpsilons: try ReadingEpsilons([0.7])))
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let intruders = ExperimentFixture.rows(Fixtures.read(directory + "/charts/overview/intruders-vs-rank.csv"))
        let byRun = Dictionary(uniqueKeysWithValues: dataset.runs.map { ($0.id.rawValue, $0) })
        // The stack's steps are not in the tag figures; every other LoRA run is, in its family.
        #expect(Set(intruders.map { $0[1] }) == ["full-ft", "r1", "r8", "r64", "r8-a8"])
        for row in intruders {
            let run = try #require(byRun[row[1]])
            #expect(row[4] == String(ReadingEpsilonTests.direct(run, 0.7)), "\(row)")
            if row[0] == "reference" {
                #expect(run.kind == .full && row[3].isEmpty && row[2] == "Full fine-tune")
            } else {
                #expect(
                    row[0] == "family = \(run.tags!["family"]!)" && row[3] == String(Int(run.tags!["rank"]!.number!)))
            }
        }
        let ranks = ExperimentFixture.rows(Fixtures.read(directory + "/charts/overview/effective-rank-vs-rank.csv"))
        for row in ranks {
            let mean = try #require(byRun[row[1]]?.summary.meanEffectiveRank)
            #expect(abs(Double(row[4])! - mean) < 1e-4, "\(row)")
        }
        let svg = Fixtures.read(directory + "/charts/overview/intruders-vs-rank.svg")
        #expect(
            svg.contains(">family = alpha-2r</text>") && svg.contains(">family = alpha-8</text>")
                && svg.contains("(log scale)"))
        #expect(XMLCheck.isWellFormed(svg).0)
        let index = Fixtures.read(directory + "/index.html")
        #expect(index.contains("<h2 id=\"comparing-runs\">Comparing runs</h2>"))
    }

    @Test("supplied metrics against rank and against intruders; stacks by step; a chosen series tag")
    func metricsAndStacks() throws {
        let dataset = ExperimentFixture.dataset()
        let directory = try ReadingEpsilonTests.render(
            dataset, ReportOptions(intruderScale: .fraction, seriesTag: "method"))
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let written = Set(Fixtures.files(in: directory))
        for stem in [
            "metric-accuracy-vs-rank", "metric-accuracy-vs-intruders",
            "stack-intruders", "stack-effective-rank", "stack-metric-accuracy",
        ] {
            #expect(
                written.contains("charts/overview/\(stem).svg") && written.contains("charts/overview/\(stem).csv"),
                "\(stem)")
        }
        // Forgetting is supplied for the full fine-tune only: no run with a rank has it, and one
        // point makes no scatter.
        #expect(!written.contains("charts/overview/metric-forgetting-vs-rank.svg"))
        #expect(!written.contains("charts/overview/metric-forgetting-vs-intruders.svg"))
        let scatter = ExperimentFixture.rows(
            Fixtures.read(directory + "/charts/overview/metric-accuracy-vs-intruders.csv"))
        let measured = dataset.runs.filter { $0.metrics?["accuracy"] != nil }
        #expect(scatter.count == measured.count)
        for run in measured {
            let row = try #require(scatter.first { $0[1] == run.id.rawValue })
            let fraction =
                Double(ReadingEpsilonTests.direct(run, 0.5))
                / Double(run.matrices.map(\.maxCosineTopK.count).reduce(0, +))
            #expect(abs(Double(row[3])! - fraction) < 1e-6 && Double(row[4]) == run.metrics!["accuracy"], "\(row)")
        }
        let steps = ExperimentFixture.rows(Fixtures.read(directory + "/charts/overview/stack-intruders.csv"))
        #expect(
            steps.map { [$0[0], $0[1], $0[3]] } == [["A then B", "seq-step1", "1"], ["A then B", "seq-step2", "2"]])
        let rank = ExperimentFixture.rows(Fixtures.read(directory + "/charts/overview/intruders-vs-rank.csv"))
        #expect(Set(rank.map { $0[0] }) == ["method = lora", "reference"])
    }

    @Test("a dataset without tags, metrics or stacks gets no comparison figure and no empty section")
    func nothingToCompare() throws {
        let directory = try ReadingEpsilonTests.render(Fixtures.dataset(), ReportOptions())
        defer { try? FileManager.default.removeItem(atPath: directory) }
        #expect(
            !Fixtures.files(in: directory).contains {
                $0.contains("-vs-rank") || $0.contains("stack-") || $0.contains("metric-")
            })
        #expect(!Fixtures.read(directory + "/index.html").contains("Comparing runs"))
    }

    @Test("another numeric tag goes on the x-axis; a tag no run has draws nothing")
    func otherTag() throws {
        var dataset = ExperimentFixture.dataset()
        for index in dataset.runs.indices where dataset.runs[index].kind == .lora {
            dataset.runs[index].tags?["data_fraction"] = .number(0.25 * Double(index))
        }
        let directory = try ReadingEpsilonTests.render(dataset, ReportOptions(comparisonTag: "data_fraction"))
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let written = Set(Fixtures.files(in: directory))
        #expect(written.contains("charts/overview/intruders-vs-data_fraction.csv"))
        #expect(!written.contains("charts/overview/intruders-vs-rank.csv"))
        let none = try ReadingEpsilonTests.render(dataset, ReportOptions(comparisonTag: "missing"))
        defer { try? FileManager.default.removeItem(atPath: none) }
        #expect(!Fixtures.files(in: none).contains { $0.contains("-vs-missing") })
    }
}
