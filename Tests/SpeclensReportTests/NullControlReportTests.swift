import Foundation
import SpeclensDataset
import Testing

@testable import SpeclensReport

@Suite("Null controls in the report")
struct NullControlReportTests {
    static let query0 = "encoder.layer.0.attention.self.query.weight"

    @Test(
        "the overview ε chart's CSV gives each run's null controls exactly as the dataset's summary, e.g. 6 low-rank intruders at ε = 0.50 for lora-r4"
    )
    func epsilonCSV() throws {
        let dataset = TrustFixtures.withControls()
        let (directory, _) = try TrustFixtures.render(dataset)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let csv = Fixtures.read(directory + "/charts/overview/intruders-vs-epsilon.csv")
        let grid = dataset.parameters.epsilonGrid.sorted()
        let keys = grid.map(EpsilonKey.string)
        #expect(TrustFixtures.column("epsilon", in: csv) == keys)
        for run in dataset.runs {
            for control in run.summary.controls ?? [] {
                let name = "\(run.id) (\(NullControlStyle.shortName(control.kind)))"
                #expect(
                    TrustFixtures.column(name, in: csv) == grid.map { String(control.intrudersByEpsilon[$0]!) },
                    "\(name)")
                #expect(
                    TrustFixtures.column(
                        "\(run.id) (over the \(NullControlStyle.shortName(control.kind))'s matrices)", in: csv)
                        == grid.map { String(control.runIntrudersByEpsilon[$0]!) })
            }
        }
        // Low-rank control: j = 0, 1 at max |cos| 0.3 in each of the 3 changed matrices.
        #expect(TrustFixtures.column("lora-r4 (low-rank control)", in: csv)[keys.firstIndex(of: "0.50")!] == "6")
        // The full run has no low-rank control, so no such column.
        #expect(TrustFixtures.column("full-ft (low-rank control)", in: csv).isEmpty)
    }

    @Test("the overview ε chart's SVG draws a grey curve per run and control whose points carry the dataset's counts")
    func epsilonSVG() throws {
        let dataset = TrustFixtures.withControls()
        let (directory, _) = try TrustFixtures.render(dataset)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let svg = Fixtures.read(directory + "/charts/overview/intruders-vs-epsilon.svg")
        for run in dataset.runs {
            for control in run.summary.controls ?? [] {
                let label = "\(RunLabel.text(run)): \(NullControlStyle.name(control.kind))"
                #expect(svg.contains("<g class=\"series\" aria-label=\"\(label)\">"), "\(label)")
                for (epsilon, count) in control.intrudersByEpsilon.pairs {
                    let key = EpsilonKey.string(epsilon)
                    #expect(svg.contains("<title>\(label), ε = \(key): \(count)</title>"), "\(label) at \(key)")
                }
            }
        }
        // Isotropic controls dashed, low-rank dotted, both in the legend.
        #expect(svg.contains("stroke=\"#8f8f8f\" stroke-width=\"1.5\" stroke-dasharray=\"7 3\""))
        #expect(svg.contains("stroke=\"#8f8f8f\" stroke-width=\"1.5\" stroke-dasharray=\"1.5 2.5\""))
        #expect(svg.contains(">isotropic null control (grey; marker of its run)</text>"))
        #expect(svg.contains(">low-rank null control (grey; marker of its run)</text>"))
    }

    @Test(
        "intruders across the spectrum: a control is averaged like its run, with unchanged matrices as zero (lora-r4 isotropic: 3 of 4 matrices at 0, 0.25, 0.5, 0.75 give 0, 0.1875, 0.375, 0.5625)"
    )
    func spectrumCSV() throws {
        let (directory, _) = try TrustFixtures.render(TrustFixtures.withControls())
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let overview = Fixtures.read(directory + "/charts/overview/intruders-across-spectrum.csv")
        #expect(
            TrustFixtures.column("lora-r4 (LoRA r=4) (isotropic control)", in: overview) == [
                "0.000000", "0.187500", "0.375000", "0.562500",
            ])
        #expect(
            TrustFixtures.column("lora-r4 (LoRA r=4) (low-rank control)", in: overview) == [
                "0.375000", "0.000000", "0.000000", "0.000000",
            ])
        #expect(
            TrustFixtures.column("full-ft (full) (isotropic control)", in: overview) == [
                "0.000000", "0.250000", "0.500000", "0.750000",
            ])
        let matrix = Fixtures.read(directory + "/charts/matrices/\(Self.query0)/intruders-across-spectrum.csv")
        #expect(
            TrustFixtures.column("lora-r4 (LoRA r=4) (low-rank control)", in: matrix) == [
                "0.500000", "0.000000", "0.000000", "0.000000",
            ])
        let svg = Fixtures.read(directory + "/charts/overview/intruders-across-spectrum.svg")
        #expect(svg.contains("<title>lora-r4 (LoRA r=4): isotropic null control, bucket 75–100%: 0.563</title>"))
    }

    @Test(
        "the max |cos| chart of a run draws its controls, and its CSV lists their max |cos| per rank as the dataset's")
    func maxCosine() throws {
        let dataset = TrustFixtures.withControls()
        let (directory, _) = try TrustFixtures.render(dataset)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let csv = Fixtures.read(directory + "/charts/matrices/\(Self.query0)/lora-r4-max-cosine.csv")
        #expect(
            TrustFixtures.column("isotropic_control_max_abs_cos", in: csv)
                == TrustFixtures.isotropicMaxCos.map { NumberFormat.fixed(Double($0), 4) })
        #expect(
            TrustFixtures.column("low_rank_control_max_abs_cos", in: csv)
                == TrustFixtures.lowRankMaxCos.map { NumberFormat.fixed(Double($0), 4) })
        let full = Fixtures.read(directory + "/charts/matrices/\(Self.query0)/full-ft-max-cosine.csv")
        #expect(TrustFixtures.column("low_rank_control_max_abs_cos", in: full) == Array(repeating: "", count: 10))
        let svg = Fixtures.read(directory + "/charts/matrices/\(Self.query0)/lora-r4-max-cosine.svg")
        #expect(svg.contains("<title>low-rank null control, j = 1: 0.300</title>"))
        // The numbers table counts the controls' intruders at ε: low-rank 2 (j = 0, 1), isotropic 0.
        let page = Fixtures.read(directory + "/matrices/\(Self.query0).html")
        #expect(
            page.contains(
                "<tr><th scope=\"row\">low-rank null control (rank 4): intruders at ε = 0.50</th><td class=\"num\">2</td></tr>"
            ))
        #expect(
            page.contains(
                "<tr><th scope=\"row\">isotropic null control (rank 16): intruders at ε = 0.50</th><td class=\"num\">0</td></tr>"
            ))
    }

    @Test(
        "next to the charts, one sentence says what the controls mean, and the runs table gives their intruders at the chosen ε (lora-r4 low-rank: 6)"
    )
    func meaning() throws {
        let (directory, _) = try TrustFixtures.render(TrustFixtures.withControls())
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let index = Fixtures.read(directory + "/index.html")
        #expect(
            index.contains(
                "<p class=\"controls\">Grey curves are each run&#39;s null controls: what a random update of the same size"
            ))
        #expect(
            index.contains(
                "shows the small gaps between singular values reshuffled, not new directions (speclens method, §1.5 null controls).</p>"
            ))
        #expect(!index.contains("Null controls were off"))
        // Cells: r, α, s, intruders at ε, isotropic control, low-rank control, matrices with intruders, rank, analysed, unchanged.
        #expect(
            ChosenEpsilonTests.runRow(index, id: "lora-r4") == ["4", "8", "2", "1", "0", "6", "1", "3.20", "4", "1"])
        #expect(ChosenEpsilonTests.runRow(index, id: "full-ft") == ["", "", "", "0", "0", "–", "0", "11.50", "4", "0"])
        let module = Fixtures.read(directory + "/modules/attention.self.query.html")
        #expect(module.contains("<p class=\"controls\">Grey curves are each run&#39;s null controls"))
        let matrix = Fixtures.read(directory + "/matrices/\(Self.query0).html")
        #expect(matrix.contains("Grey lines in the charts of this matrix are null controls"))
    }

    @Test(
        "a dataset analysed without controls says they were off next to the charts and on matrix pages, and draws no control"
    )
    func off() throws {
        let (directory, written) = try TrustFixtures.render(TrustFixtures.withoutControls())
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let index = Fixtures.read(directory + "/index.html")
        #expect(index.contains("<p class=\"controls\">Null controls were off for this analysis"))
        #expect(index.contains("Null controls were not computed for this dataset, so no chance reference is drawn."))
        #expect(!index.contains("isotropic control at ε"))
        let matrix = Fixtures.read(directory + "/matrices/\(Self.query0).html")
        #expect(matrix.contains("Null controls were off for this analysis"))
        for path in written where path.hasSuffix(".svg") {
            #expect(!Fixtures.read(directory + "/" + path).contains("null control,"), "\(path)")
        }
        #expect(!Fixtures.read(directory + "/charts/overview/intruders-vs-epsilon.csv").contains("control"))
    }

    @Test("a dataset written before controls existed (no null_controls anywhere) reads as controls off")
    func olderDataset() throws {
        var dataset = Fixtures.dataset()
        dataset.parameters.nullControls = false
        let text = String(decoding: try DatasetCoding.encode(dataset), as: UTF8.self)
            .replacingOccurrences(of: ",\"null_controls\":false", with: "")
        #expect(!text.contains("null_controls"))
        let decoded = try DatasetCoding.decode(Data(text.utf8), path: "old.json")
        #expect(decoded.parameters.nullControls == false)
        let (directory, _) = try TrustFixtures.render(decoded)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        #expect(Fixtures.read(directory + "/index.html").contains("Null controls were off for this analysis"))
    }
}
