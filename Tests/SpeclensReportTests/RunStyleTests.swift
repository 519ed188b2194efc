import Foundation
import SpeclensDataset
import Testing

@testable import SpeclensReport

/// Runs named by their labels, each with one colour in every chart.
@Suite("Run labels and colours")
struct RunStyleTests {
    /// `count` LoRA runs labelled `label(i)`, over the fixture's matrices.
    static func dataset(runs count: Int, label: (Int) -> String = { "LoRA run \($0 + 1)" }) -> SpectralDataset {
        var dataset = Fixtures.dataset()
        let template = dataset.runs[1]
        dataset.runs = (0..<count).map { index in
            var run = template
            run.id = RunID("run-\(index + 1)")
            run.label = label(index)
            return run
        }
        return dataset
    }

    /// The backgrounds inline charts sit on: the light and the dark theme's `--bg`.
    static func themeBackgrounds() throws -> [String] {
        let css = try #require(EmbeddedTemplates.files["style.css"])
        let values = css.components(separatedBy: "--bg: ").dropFirst().map { String($0.prefix(7)) }
        #expect(values.count >= 2)
        return Array(values.prefix(2))
    }

    @Test("every palette colour has a WCAG contrast of at least 3:1 against white and the dark theme background")
    func paletteContrast() throws {
        let backgrounds = try Self.themeBackgrounds()
        #expect(backgrounds == ["#ffffff", "#16181c"])
        #expect(ColorContrast.ratio("#000000", "#ffffff")! > 20.9 && ColorContrast.ratio("#777777", "#777777") == 1)
        for color in CategoricalPalette.colors {
            for background in backgrounds {
                let ratio = try #require(ColorContrast.ratio(color, background))
                #expect(ratio >= ColorContrast.graphicsMinimum, "\(color) on \(background): \(ratio)")
            }
        }
        #expect(Set(CategoricalPalette.colors.map { $0.lowercased() }).count == CategoricalPalette.colors.count)
    }

    @Test("two reports with the same runs in a different order give each label the same colour")
    func sameColourWhateverTheOrder() throws {
        let dataset = Self.dataset(runs: 6) {
            ["Full fine-tune", "LoRA r=1", "LoRA r=8", "LoRA r=64", "B only", "α = 8"][$0]
        }
        var reversed = dataset
        reversed.runs.reverse()
        var shuffled = dataset
        shuffled.runs = [3, 0, 5, 1, 4, 2].map { dataset.runs[$0] }
        func colours(_ data: SpectralDataset) -> [String: RunStyle] {
            Dictionary(uniqueKeysWithValues: zip(data.runs.map(\.displayLabel), RunStyle.assign(to: data.runs)))
        }
        #expect(colours(dataset) == colours(reversed) && colours(dataset) == colours(shuffled))
        #expect(Set(colours(dataset).values.map(\.color)).count == 6)
        // And in the rendered charts: each label's series has the same stroke in both reports.
        let first = try ReadingEpsilonTests.render(dataset, ReportOptions())
        let second = try ReadingEpsilonTests.render(shuffled, ReportOptions())
        defer { for folder in [first, second] { try? FileManager.default.removeItem(atPath: folder) } }
        func strokes(_ folder: String) -> [String: String] {
            let svg = Fixtures.read(folder + "/charts/overview/intruders-vs-epsilon.svg")
            var result: [String: String] = [:]
            for part in svg.components(separatedBy: "<g class=\"series\" aria-label=\"").dropFirst() {
                let label = String(part.prefix { $0 != "\"" })
                let stroke = part.components(separatedBy: "stroke=\"").dropFirst().first.map { String($0.prefix(7)) }
                result[label] = stroke
            }
            return result
        }
        #expect(strokes(first).count == 6 && strokes(first) == strokes(second))
    }

    @Test("a label keeps its colour when other runs join, unless its colour was taken by a label sorting before it")
    func stableAcrossReports() {
        let alone = RunStyle.assign(to: Self.dataset(runs: 1) { _ in "LoRA r=8" }.runs)[0]
        #expect(alone.color.lowercased() == CategoricalPalette.colors[Int(RunStyle.hash("LoRA r=8") % 8)].lowercased())
        #expect(RunStyle.hash("") == 0xcbf2_9ce4_8422_2325 && RunStyle.hash("a") == 0xaf63_dc4c_8601_ec8c)
    }

    @Test("a manifest colour wins, and no label-derived colour repeats it")
    func manifestColour() {
        var dataset = Self.dataset(runs: 3)
        let taken = CategoricalPalette.colors[Int(RunStyle.hash("LoRA run 2") % 8)].lowercased()
        dataset.runs[0].color = RunColor(rawValue: taken)
        let styles = RunStyle.assign(to: dataset.runs)
        #expect(styles[0].color == taken && styles[1].color != taken && styles[2].color != taken)
    }

    @Test("12 runs: every legend entry is distinct in colour, dash and marker together, and names its run in full")
    func twelveRuns() throws {
        let dataset = Self.dataset(runs: 12) { "LoRA r=\(1 << ($0 % 7)), seed \($0)" }
        let styles = RunStyle.assign(to: dataset.runs)
        let keys = styles.map { "\($0.color) \($0.dash) \($0.marker)" }
        #expect(Set(keys).count == 12)
        // Up to eight runs have eight colours; beyond, colours repeat but dash and marker tell runs apart.
        #expect(Set(styles.map(\.color)).count == 8)
        for a in styles.indices {
            for b in styles.indices where a < b && styles[a].color == styles[b].color {
                #expect(styles[a].dash != styles[b].dash && styles[a].marker != styles[b].marker, "\(a), \(b)")
            }
        }
        let chart = EpsilonCurveChart.make(
            dataset: dataset, path: SitePath("x"), figures: FigureSettings(dataset: dataset))
        let svg = chart.svg.render(standalone: true).escaped
        for run in dataset.runs {
            #expect(svg.contains(">\(run.displayLabel)</text>"), "\(run.displayLabel)")
        }
        #expect(XMLCheck.isWellFormed(svg).0)
    }

    @Test(
        "labels are shown verbatim in the runs table, headings, legends and matrix pages; CSV headers keep ids with labels"
    )
    func labelsEverywhere() throws {
        var dataset = Fixtures.dataset()
        dataset.runs[0].label = "Full fine-tune (α = n/a)"
        dataset.runs[1].label = "LoRA r=4, B only"
        let directory = try ReadingEpsilonTests.render(dataset, ReportOptions())
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let index = Fixtures.read(directory + "/index.html")
        #expect(index.contains("<a href=\"#run-lora-r4\">LoRA r=4, B only</a> <svg"))
        #expect(index.contains("Run Full fine-tune (α = n/a)"))
        #expect(index.contains("<li>id: lora-r4</li>"))
        #expect(index.contains("<th colspan=\"4\" class=\"run\">LoRA r=4, B only</th>"))
        #expect(
            Fixtures.read(directory + "/charts/overview/intruders-vs-epsilon.svg").contains(">LoRA r=4, B only</text>"))
        #expect(
            Fixtures.read(directory + "/charts/overview/intruders-vs-epsilon.csv")
                .hasPrefix("\"epsilon\",\"full-ft [Full fine-tune (α = n/a)]\",\"lora-r4 [LoRA r=4, B only]\"\n"))
        let matrix = Fixtures.read(directory + "/matrices/encoder.layer.0.attention.self.query.weight.html")
        #expect(matrix.contains("LoRA r=4, B only"))
        var fractions = datasetWithFractions()
        fractions.runs[1].label = "LoRA r=4, B only"
        let other = try ReadingEpsilonTests.render(fractions, ReportOptions())
        defer { try? FileManager.default.removeItem(atPath: other) }
        #expect(
            Fixtures.read(other + "/charts/overview/intruders-across-spectrum.csv")
                .hasPrefix("\"bucket\",\"rank_range\",\"full-ft (full)\",\"lora-r4 [LoRA r=4, B only]\"\n"))
        #expect(
            Fixtures.read(other + "/charts/overview/effective-rank-mean.csv").contains(
                "\"lora-r4\",\"LoRA r=4, B only\",\"lora\""))
    }
}
