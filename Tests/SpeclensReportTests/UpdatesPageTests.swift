import Foundation
import SpeclensDataset
import Testing

@testable import SpeclensReport

@Suite("The page on how the updates sit: probe, LoRA alignment, mitigation")
struct UpdatesPageTests {
    /// The fixture dataset with a probe, LoRA measures on the LoRA run's first matrix, and a third
    /// run that is a mitigated copy of the LoRA run (one intruder removed from the first matrix).
    static func dataset(hostile: String = "bert.pooler.dense") -> SpectralDataset {
        var dataset = Fixtures.dataset()
        dataset.probe = ProbeRecord(
            lambdas: [0.5, 1, 2],
            matrices: [
                ProbeMatrix(
                    name: dataset.base.matrices[0].name, largestSingularValue: 3, intruders: [0, 1, 1],
                    newVectorMaxCosine: [0.9, 0.3, 0.2], newVectorRank: [4, 0, 0])
            ])
        dataset.runs[1].matrices[0].lowRankMeasures = LowRankMeasures(
            rank: 4, aRowSpaceCosines: [0.5, 0.3], bColumnSpaceCosines: [0.2, 0.2], subspaceSimilarity: 0.25,
            amplification: 6)
        var mitigated = dataset.runs[1]
        mitigated.id = "lora-r4-mitigated"
        mitigated.path = "runs/lora-r4-mitigated"
        mitigated.matrices[0].maxCosineTopK = mitigated.matrices[0].maxCosineTopK.map { max($0, 0.9) }
        mitigated.mitigation = MitigationRecord(
            source: dataset.runs[1].path, topK: 10, epsilon: 0.5, lambda: 0.75,
            modules: [
                ModuleMitigation(
                    module: hostile, baseName: dataset.base.matrices[0].name, intruderIndices: [2],
                    singularValues: [2], mitigatedSingularValues: [1.5], intruderEnergyShare: 0.4)
            ])
        dataset.runs.append(mitigated)
        return dataset
    }

    @Test(
        "The page shows the probe's charts with the dataset's numbers in their CSVs, the LoRA means, the mitigated modules and the per-matrix change against the original run; the navigation links it"
    )
    func page() throws {
        let directory = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        _ = try SiteGenerator().generate(Self.dataset(), into: directory)
        let page = Fixtures.read(directory + "/updates.html")
        #expect(
            page.contains(
                "In 1 of the 1 probed matrices a random rank-one update creates an intruder at ε = 0.50 once λ reaches 1–1 times"
            ))
        let csv = Fixtures.read(directory + "/charts/updates/probe-intruders.csv")
        #expect(csv.contains("0.5,0") && csv.contains("2,1"))
        #expect(Fixtures.read(directory + "/charts/updates/probe-max-cosine.csv").contains("1,0.3000"))
        #expect(page.contains("<td>0.400</td><td>0.200</td><td>0.250</td><td>6.00</td>"))
        #expect(page.contains("<td>bert.pooler.dense</td><td>2</td><td>2.000</td><td>1.500</td><td>0.400</td>"))
        // The first matrix had an intruder at ε = 0.5 in the LoRA run; the mitigated copy has none.
        #expect(page.contains("<td>encoder.layer.0.attention.self.query.weight</td><td>1</td><td>0</td>"))
        #expect(Fixtures.read(directory + "/index.html").contains("href=\"updates.html\""))
        // The alignment figure's CSV holds the same means as the table (one LoRA matrix with measures per run).
        let alignment = Fixtures.read(directory + "/charts/updates/lora-alignment.csv")
        #expect(alignment.contains("1,0.4000,0.2000,0.2500"))
    }

    @Test("A module name with markup stays text on the page")
    func hostile() throws {
        let directory = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        _ = try SiteGenerator().generate(Self.dataset(hostile: "<script>alert(1)</script>"), into: directory)
        let page = Fixtures.read(directory + "/updates.html")
        #expect(!page.contains("<script>alert"))
        #expect(page.contains("&lt;script&gt;"))
    }

    @Test("Without a probe, LoRA measures or a mitigation there is no page and no link")
    func absent() throws {
        let directory = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        _ = try SiteGenerator().generate(Fixtures.dataset(), into: directory)
        #expect(!FileManager.default.fileExists(atPath: directory + "/updates.html"))
        #expect(!Fixtures.read(directory + "/index.html").contains("updates.html"))
    }

    @Test(
        "read at another ε, the probe's intruder counts (stored at the analysis ε only) name the analysis ε, the matrix page names it for the intruders' energy share, and the runs table names the ε in force for its span and control columns"
    )
    func otherReadingEpsilon() throws {
        var dataset = Self.dataset()
        dataset.runs[1].matrices[0].intruderEnergyShare = 0.25
        let directory = try ReadingEpsilonTests.render(
            dataset, ReportOptions(readingEpsilons: try ReadingEpsilons([0.7, 0.9])))
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let page = Fixtures.read(directory + "/updates.html")
        #expect(page.contains("creates an intruder at ε = 0.50 once λ reaches"))
        #expect(page.contains("The probe's intruder counts were computed at the analysis ε = 0.50"))
        #expect(Fixtures.read(directory + "/charts/updates/probe-intruders.svg").contains("at ε = 0.50, for each λ"))
        let matrices = try FileManager.default.contentsOfDirectory(atPath: directory + "/matrices")
        let pages = matrices.map { Fixtures.read(directory + "/matrices/" + $0) }
        #expect(pages.contains { $0.contains("intruders&#39; share of ‖ΔW‖²_F (intruders at the analysis ε = 0.50)") })
    }

    @Test(
        "read at ε = 0.70 with 0.90 beside it, the runs table's span and control columns name and count at 0.70, from the stored span fractions and the controls' max |cos|"
    )
    func trustColumnsAtReadingEpsilon() throws {
        let dataset = TrustFixtures.withSpan(TrustFixtures.withControls())
        let directory = try ReadingEpsilonTests.render(
            dataset, ReportOptions(readingEpsilons: try ReadingEpsilons([0.7, 0.9])))
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let index = Fixtures.read(directory + "/index.html")
        #expect(
            index.contains(
                "<th>intruders at ε = 0.70</th><th>at ε = 0.90</th><th>outside the span at ε = 0.70</th><th>isotropic control at ε = 0.70</th><th>low-rank control at ε = 0.70</th>"
            ))
        for run in dataset.runs {
            let cells = ChosenEpsilonTests.runRow(index, id: run.id.rawValue)
            let outside = run.matrices.reduce(0) { $0 + $1.intrudersOutsideSpan(epsilon: 0.7) }
            let isotropic = run.matrices.compactMap { $0.nullControls?.first { $0.kind == .isotropic } }
                .reduce(0) { $0 + $1.maxCosineTopK.filter { Double($0) < 0.7 }.count }
            #expect(
                cells.count > 6 && cells[5] == String(outside) && cells[6] == String(isotropic), "\(run.id): \(cells)")
        }
    }
}
