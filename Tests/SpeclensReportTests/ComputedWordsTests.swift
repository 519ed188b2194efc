import Foundation
import SpeclensDataset
import Testing

@testable import SpeclensReport

@Suite("Sentences that state a finding are computed from the dataset")
struct ComputedWordsTests {
    @Test(
        "the ε reading of the fixture: 1 of 2 runs counts intruders at ε = 0.50, and the curves first differ at ε = 0.10 (full-ft: 0, lora-r4: 1)"
    )
    func epsilonReading() {
        #expect(
            OverviewReading.epsilonCurve(Fixtures.dataset(), epsilon: 0.5)
                == "In this dataset, at the chosen ε = 0.50, 1 of 2 runs count intruders (full-ft: 0, lora-r4: 1); "
                + "on the grid the runs' curves first differ at ε = 0.10 (full-ft: 0, lora-r4: 1).")
    }

    /// The fixture with the LoRA run's one intruder (matrix 0, j = 2, max |cos| 0.05) moved to
    /// max |cos| `value`.
    static func movedIntruder(_ value: Float) -> SpectralDataset {
        var dataset = Fixtures.dataset()
        dataset.runs[1].matrices[0].maxCosineTopK[2] = value
        TrustFixtures.recount(&dataset.runs[1].matrices[0], epsilon: 0.5, grid: dataset.parameters.epsilonGrid)
        TrustFixtures.summarise(&dataset)
        return dataset
    }

    @Test(
        "with no intruder at the chosen ε the reading says so and where the curves separate: the LoRA intruder moved to 0.6 first counts at ε = 0.65"
    )
    func epsilonReadingZero() {
        #expect(
            OverviewReading.epsilonCurve(Self.movedIntruder(0.6), epsilon: 0.5)
                == "In this dataset, at the chosen ε = 0.50, no run has an intruder (0 of 2 runs); "
                + "on the grid the runs' curves first differ at ε = 0.65 (full-ft: 0, lora-r4: 1).")
    }

    @Test(
        "runs whose totals agree at every ε of the grid are said to coincide (the LoRA intruder moved to 0.89, like the full run's j = 2)"
    )
    func epsilonReadingSame() {
        #expect(
            OverviewReading.epsilonCurve(Self.movedIntruder(0.89), epsilon: 0.5)
                == "In this dataset, at the chosen ε = 0.50, no run has an intruder (0 of 2 runs); "
                + "the runs' curves coincide at every ε of the grid.")
    }

    @Test("the overview prints the computed readings and no longer claims the ε = 0.5 count is often zero")
    func overview() throws {
        let (directory, _) = try TrustFixtures.render(Fixtures.dataset())
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let index = Fixtures.read(directory + "/index.html")
        #expect(
            index.contains(
                "In this dataset, at the chosen ε = 0.50, 1 of 2 runs count intruders (full-ft: 0, lora-r4: 1)"))
        #expect(index.contains("Here the random-direction baseline is 0.589 for every matrix (n = 16)."))
        #expect(
            index.contains(
                "Here the mean effective rank over changed matrices ranges from 3.20 (lora-r4) to 11.50 (full-ft)."))
        #expect(!index.contains("often zero") && !index.contains("typically uses hundreds"))
    }

    @Test(
        "no template states a finding about fine-tunes in general: no often, usually, typically or real fine-tunes",
        arguments: ["overview.md", "matrix.md", "group.md", "gallery.md", "layout.html"])
    func templates(name: String) throws {
        let text = try #require(EmbeddedTemplates.files[name]).lowercased()
        for word in ["often", "usually", "typically", "real fine-tune", "in practice", "hundreds"] {
            #expect(!text.contains(word), "\(name): \(word)")
        }
    }

    @Test(
        "baselines are grouped by (n, p) with their 95th percentile: 384 × 384 and 1536 × 384 matrices give n = 384 and n = 1536, p = 384"
    )
    func baselines() {
        func base(_ shape: [Int], value: Double, p95: Double) -> BaseMatrixRecord {
            BaseMatrixRecord(
                name: "m\(shape)", shape: shape, layer: 0, module: "m", singularVectors: .left,
                vectorDimension: shape[0], topK: 10, similarityTopN: 12, randomBaselineMaxCosine: value,
                frobeniusNorm: 1, singularValues: [], randomBaselineMaxCosineP95: p95, dtype: .f32)
        }
        let groups = RandomBaseline.distinct([
            base([384, 384], value: 0.162, p95: 0.195), base([1536, 384], value: 0.081, p95: 0.097),
            base([384, 384], value: 0.162, p95: 0.195),
        ])
        #expect(groups.map(\.shapeText) == ["n = 384", "n = 1536, p = 384"])
        #expect(groups.map(\.matrices) == [2, 1])
        #expect(groups.map(\.valueText) == ["0.162 (95th percentile 0.195)", "0.081 (95th percentile 0.097)"])
        #expect(groups.allSatisfy { $0.isMonteCarlo })
    }
}
