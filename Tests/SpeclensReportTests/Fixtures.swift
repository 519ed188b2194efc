import Foundation
import SpeclensDataset
import SpeclensTestSupport

/// A small synthetic dataset: a full fine-tune and a LoRA run over four matrices with decaying
/// spectra; one matrix has an intruder in the LoRA run, one is unchanged in the LoRA run.
enum Fixtures {
    static func spectrum(_ count: Int, scale: Float = 3, decay: Float = 0.8) -> [Float] {
        (0..<count).map { scale * pow(decay, Float($0)) + 0.01 }
    }

    static func similarity(_ n: Int, intruder: Int? = nil) -> [[Float]] {
        (0..<n).map { i in
            (0..<n).map { j in
                if j == intruder { return 0.05 }
                return i == j ? 0.95 - Float(i) * 0.02 : Float(0.08 / Double(1 + abs(i - j)))
            }
        }
    }

    static func comparison(
        _ name: String, n: Int, intruder: Int? = nil, changed: Bool = true, rank: Double? = nil, lora: Bool
    ) -> MatrixComparison {
        let grid = AnalysisParameters.defaultEpsilonGrid
        let maxCos: [Float] = (0..<min(10, n)).map { j in j == intruder ? 0.05 : 0.95 - Float(j) * 0.03 }
        var byEpsilon = IntruderCounts()
        for epsilon in grid {
            byEpsilon[epsilon] = maxCos.filter { Double($0) < epsilon }.count
        }
        let delta: [Float] =
            changed ? (lora ? spectrum(4, scale: 0.5, decay: 0.5) : spectrum(n, scale: 0.2, decay: 0.9)) : []
        return MatrixComparison(
            name: name, tunedName: lora ? name.replacingOccurrences(of: ".weight", with: ".lora_B.weight") : name,
            matchedBy: .name(.exact), changed: changed, maxCosineTopK: maxCos,
            intruders: intruder == nil ? 0 : 1, intruderIndices: intruder.map { [$0] } ?? [],
            intrudersByEpsilon: byEpsilon, effectiveRank: changed ? (rank ?? (lora ? 3.2 : 11.5)) : nil,
            effectiveRankCutoff: 1e-6, numericalRank: changed ? delta.count : 0,
            frobeniusDelta: changed ? 0.42 : 0, spectralNormDelta: changed ? 0.3 : 0,
            relativeChange: changed ? 0.012 : 0, stableRank: changed ? 2.5 : nil,
            similarity: similarity(min(n, 12), intruder: intruder),
            singularValues: TunedSpectra(tuned: spectrum(n, scale: 3.1), delta: delta))
    }

    static func base(_ name: String, layer: Int?, module: String, n: Int = 16) -> BaseMatrixRecord {
        BaseMatrixRecord(
            name: name, shape: [n, n], layer: layer, module: module, singularVectors: .left,
            vectorDimension: n, topK: min(10, n), similarityTopN: min(12, n),
            randomBaselineMaxCosine: (2 * log(Double(n)) / Double(n)).squareRoot(),
            frobeniusNorm: 12.5, singularValues: spectrum(n))
    }

    static func summary(_ matrices: [MatrixComparison], epsilon: Double = 0.5) -> RunSummary {
        var byEpsilon = IntruderCounts()
        for m in matrices {
            byEpsilon = byEpsilon + m.intrudersByEpsilon
        }
        let ranks = matrices.compactMap(\.effectiveRank)
        return RunSummary(
            analysedMatrices: matrices.count, unchangedMatrices: matrices.filter { !$0.changed }.count,
            intruders: byEpsilon[epsilon] ?? 0, intrudersByEpsilon: byEpsilon,
            meanEffectiveRank: ranks.isEmpty ? nil : ranks.reduce(0, +) / Double(ranks.count))
    }

    /// The dataset, with names taken from `names` (defaults: realistic BERT-like names).
    static func dataset(
        names: [String] = [
            "encoder.layer.0.attention.self.query.weight", "encoder.layer.0.attention.self.value.weight",
            "encoder.layer.1.attention.self.query.weight", "encoder.layer.1.attention.self.value.weight",
        ],
        runIds: [String] = ["full-ft", "lora-r4"], warning: String = "adapter was made for another base",
        skippedName: String = "pooler.dense.weight", basePath: String = "models/minilm"
    ) -> SpectralDataset {
        let bases = names.enumerated().map { index, name in
            base(name, layer: index / 2, module: index % 2 == 0 ? "attention.self.query" : "attention.self.value")
        }
        let full = bases.map { comparison($0.name, n: 16, lora: false) }
        let lora = bases.enumerated().map { index, b in
            comparison(b.name, n: 16, intruder: index == 0 ? 2 : nil, changed: index != 3, lora: true)
        }
        let runs = [
            FineTuneRun(
                id: RunID(runIds[0]), path: "runs/" + runIds[0], kind: .full, lora: nil, summary: summary(full),
                matrices: full,
                skipped: [
                    SkippedTensor(
                        name: skippedName, source: .tuned, reason: "not in base", reasonCode: .noBaseCounterpart)
                ],
                warnings: []),
            FineTuneRun(
                id: RunID(runIds[1]), path: "runs/" + runIds[1], kind: .lora,
                lora: LoRARecord(
                    r: 4, alpha: 8, useRslora: false, scale: 2, baseModelNameOrPath: basePath,
                    targetModules: ["query", "value"], modulesToSave: []),
                summary: summary(lora), matrices: lora, skipped: [], warnings: [warning]),
        ]
        return SpectralDataset(
            tool: ToolInfo(), parameters: AnalysisParameters(similarityTopN: 12),
            base: BaseModelRecord(
                path: basePath, name: "minilm", files: [FileRecord(path: "model.safetensors", bytes: 90_000_000)],
                matrices: bases),
            runs: runs)
    }

    /// A fresh empty folder under the temporary directory.
    static func temporaryDirectory() throws -> String {
        try TestFiles.freshFolder("speclens-report-tests")
    }

    /// Every regular file below `directory`, as relative paths, sorted.
    static func files(in directory: String) -> [String] {
        TestFiles.files(below: directory)
    }

    static func read(_ path: String) -> String {
        String(decoding: FileManager.default.contents(atPath: path) ?? Data(), as: UTF8.self)
    }
}
