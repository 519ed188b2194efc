import Foundation
import SpeclensDataset
import Testing

@testable import SpeclensReport

/// A synthetic dataset shaped like a 7B decoder (Llama-2-7B): 32 layers × q, k, v, o (4096 × 4096),
/// gate, up (11008 × 4096) and down (4096 × 11008), 4096 singular values each, a full fine-tune
/// and a LoRA r = 16 run.
enum SevenBShapedDataset {
    static func make() -> SpectralDataset {
        let modules: [(String, [Int])] = [
            ("self_attn.q_proj", [4096, 4096]), ("self_attn.k_proj", [4096, 4096]), ("self_attn.v_proj", [4096, 4096]),
            ("self_attn.o_proj", [4096, 4096]), ("mlp.gate_proj", [11008, 4096]), ("mlp.up_proj", [11008, 4096]),
            ("mlp.down_proj", [4096, 11008]),
        ]
        let grid = AnalysisParameters.defaultEpsilonGrid
        var bases: [BaseMatrixRecord] = []
        var full: [MatrixComparison] = []
        var lora: [MatrixComparison] = []
        for layer in 0..<32 {
            for (moduleIndex, (module, shape)) in modules.enumerated() {
                let name = "model.layers.\(layer).\(module).weight"
                let p = 4096
                let n = shape[0]
                let spectrum = (0..<p).map { (k: Int) -> Float in Float(3.0 * exp(-Double(k) / 900.0) + 0.01) }
                bases.append(
                    BaseMatrixRecord(
                        name: name, shape: shape, layer: layer, module: module, singularVectors: .left,
                        vectorDimension: n, topK: 10, similarityTopN: 32,
                        randomBaselineMaxCosine: (2 * log(Double(n)) / Double(n)).squareRoot(),
                        frobeniusNorm: 80, singularValues: spectrum))
                for isLoRA in [false, true] {
                    let intruders = isLoRA && (layer + moduleIndex) % 3 == 0 ? [2, 7] : []
                    let maxCos: [Float] = (0..<10).map { (j: Int) -> Float in
                        intruders.contains(j) ? 0.3 : 0.97 - Float(j) * 0.01
                    }
                    var byEpsilon = IntruderCounts()
                    for epsilon in grid { byEpsilon[epsilon] = maxCos.filter { Double($0) < epsilon }.count }
                    let delta: [Float] =
                        isLoRA
                        ? (0..<16).map { (k: Int) -> Float in Float(0.5 / Double(k + 1)) }
                        : (0..<p).map { (k: Int) -> Float in Float(0.05 * exp(-Double(k) / 1500.0)) }
                    var similarity: [[Float]] = []
                    for i in 0..<32 {
                        var row: [Float] = []
                        for j in 0..<32 {
                            let off = Float(0.02) + Float(0.03) * Float((i * 7 + j * 3) % 5)
                            let value: Float = intruders.contains(j) ? 0.02 : (i == j ? 0.97 : off)
                            row.append(value)
                        }
                        similarity.append(row)
                    }
                    let comparison = MatrixComparison(
                        name: name, tunedName: name, matchedBy: .name(.exact), changed: true,
                        maxCosineTopK: maxCos, intruders: intruders.filter { maxCos[$0] < 0.5 }.count,
                        intruderIndices: intruders, intrudersByEpsilon: byEpsilon,
                        effectiveRank: isLoRA ? 9.5 : 2800, effectiveRankCutoff: 1e-5, numericalRank: delta.count,
                        frobeniusDelta: isLoRA ? 0.4 : 1.2, spectralNormDelta: 0.3,
                        relativeChange: (isLoRA ? 0.005 : 0.015) * (1 + Double(layer) / 32), stableRank: 3,
                        similarity: similarity,
                        singularValues: TunedSpectra(tuned: spectrum.map { $0 * 1.001 }, delta: delta),
                        spectrumIntruderFractions: (0..<10).map { (b: Int) -> Double in
                            isLoRA ? 0.02 * Double(10 - b) / 10 : 0.001 * Double(b)
                        })
                    if isLoRA { lora.append(comparison) } else { full.append(comparison) }
                }
            }
        }
        func summary(_ matrices: [MatrixComparison]) -> RunSummary {
            let byEpsilon = matrices.reduce(IntruderCounts()) { $0 + $1.intrudersByEpsilon }
            return RunSummary(
                analysedMatrices: matrices.count, unchangedMatrices: 0, intruders: byEpsilon[0.5] ?? 0,
                intrudersByEpsilon: byEpsilon,
                meanEffectiveRank: matrices.compactMap(\.effectiveRank).reduce(0, +) / Double(matrices.count))
        }
        return SpectralDataset(
            tool: ToolInfo(), parameters: AnalysisParameters(spectrumBuckets: 10),
            base: BaseModelRecord(
                path: "models/llama-7b-shaped", name: "llama-7b-shaped",
                files: [FileRecord(path: "model.safetensors", bytes: 13_476_000_000)], matrices: bases),
            runs: [
                FineTuneRun(
                    id: "full-ft", path: "runs/full-ft", kind: .full, lora: nil, summary: summary(full),
                    matrices: full, skipped: [], warnings: []),
                FineTuneRun(
                    id: "lora-r16", path: "runs/lora-r16", kind: .lora,
                    lora: LoRARecord(
                        r: 16, alpha: 32, useRslora: false, scale: 2, baseModelNameOrPath: nil,
                        targetModules: ["q_proj", "v_proj"], modulesToSave: []),
                    summary: summary(lora), matrices: lora, skipped: [], warnings: []),
            ])
    }
}

@Suite("Large models")
struct LargeModelTests {
    @Test(
        "the single file of a 7B-shaped dataset (written and read back with DatasetCoding) stays small enough to email and self-contained"
    )
    func sevenBSingleFile() throws {
        let directory = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try DatasetCoding.write(SevenBShapedDataset.make(), to: directory + "/dataset.json")
        // For measuring the full site by hand: SPECLENS_7B_DATASET=path keeps a copy of the dataset.
        if let keep = ProcessInfo.processInfo.environment["SPECLENS_7B_DATASET"] {
            try? FileManager.default.removeItem(atPath: keep)
            try FileManager.default.copyItem(atPath: directory + "/dataset.json", toPath: keep)
        }
        let dataset = try DatasetCoding.read(from: directory + "/dataset.json")
        #expect(dataset.base.matrices.count == 224)
        let bytes = try SiteGenerator().generateSingleFile(dataset, to: directory + "/report.html")
        print("7B-shaped single-file report: \(bytes) bytes")
        #expect(bytes < 2_500_000, "single file is \(bytes) bytes")
        let text = Fixtures.read(directory + "/report.html")
        #expect(!text.contains("src=") && !text.contains("<link rel=\"stylesheet\""))
        #expect(text.contains("<style>") && text.contains("<svg"))
        // Every link is an anchor in the file.
        var rest = text[...]
        while let start = rest.range(of: "href=\"") {
            #expect(rest[start.upperBound...].hasPrefix("#"))
            rest = rest[start.upperBound...]
        }
        // Detail for 12 of 224 matrices (2 runs: 24 / 2), those with intruders first.
        #expect(text.components(separatedBy: "<section class=\"matrix-detail\"").count - 1 == 12)
        #expect(text.contains("Detail for 12 of 224 matrices"))
    }

    @Test("spectra of 4096 values are thinned in the drawing but complete in the CSV")
    func thinnedSpectrum() throws {
        let dataset = SevenBShapedDataset.make()
        let chart = SpectrumChart.make(
            base: dataset.base.matrices[0], comparison: dataset.runs[1].matrices[0],
            run: dataset.runs[1], path: SitePath("x"))
        #expect(chart.csv.rows.count == 4096)
        let svg = chart.svg.render(standalone: true).escaped
        #expect(svg.count < 40_000, "\(svg.count) bytes")
        #expect(svg.contains("the CSV has all values"))
    }
}
