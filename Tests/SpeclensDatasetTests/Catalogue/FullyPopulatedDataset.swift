import SpeclensDataset

/// A small dataset in which every optional per-run and per-matrix field is set: one LoRA run with
/// tags, metrics, a colour, a stack, a mitigation record and a comparison against its previous
/// step, and one full fine-tune, over one base matrix.
enum FullyPopulatedDataset {
    static let epsilonGrid = [0.5, 0.9]

    static func make() -> SpectralDataset {
        let base = BaseMatrixRecord(
            name: "encoder.layer.0.attention.self.query.weight", shape: [4, 3], layer: 0,
            module: "attention.self.query",
            orientation: .outIn, note: "a note", singularVectors: .left, vectorDimension: 4, topK: 2, similarityTopN: 2,
            randomBaselineMaxCosine: 0.7, frobeniusNorm: 2.5, singularValues: [2, 1, 0.5],
            randomBaselineMaxCosineP95: 0.9, dtype: .bf16)
        let parameters = AnalysisParameters(topK: 2, epsilonGrid: epsilonGrid)
        let lora = FineTuneRun(
            id: "lora", path: "runs/lora", kind: .lora,
            lora: LoRARecord(
                r: 2, alpha: 4, useRslora: false, scale: 2, baseModelNameOrPath: "base",
                targetModules: ["query"], modulesToSave: ["classifier"]),
            summary: RunSummary(matrices: [comparison(lowRank: true)], epsilon: 0.5, epsilonGrid: epsilonGrid),
            matrices: [comparison(lowRank: true)],
            skipped: [
                SkippedTensor(name: "pooler.dense.weight", source: .base, reason: "outside", reasonCode: .outsideBlocks)
            ],
            warnings: ["a warning"], notes: ["a note"], label: "LoRA r=2",
            tags: ["task": .text("a"), "rank": .number(2), "dora": .flag(false)],
            metrics: ["accuracy": 0.9], color: RunColor(rawValue: "#123456"), stack: ["runs/a", "runs/lora"],
            mitigation: MitigationRecord(
                source: "runs/original", topK: 2, epsilon: 0.5, lambda: 0.5,
                modules: [
                    ModuleMitigation(
                        module: "query", baseName: base.name, intruderIndices: [0], singularValues: [1],
                        mitigatedSingularValues: [0.5], intruderEnergyShare: 0.3)
                ]),
            againstPreviousStep: StepComparison(
                previous: "a", matrices: [comparison(lowRank: true)], epsilon: 0.5, epsilonGrid: epsilonGrid))
        let full = FineTuneRun(
            id: "full", path: "runs/full", kind: .full, lora: nil,
            summary: RunSummary(matrices: [comparison(lowRank: false)], epsilon: 0.5, epsilonGrid: epsilonGrid),
            matrices: [comparison(lowRank: false)], skipped: [], warnings: [])
        return SpectralDataset(
            tool: ToolInfo(), parameters: parameters,
            base: BaseModelRecord(
                path: "base", name: "base", files: [FileRecord(path: "base/model.safetensors", bytes: 48)],
                matrices: [base]),
            runs: [lora, full])
    }

    /// A changed comparison with every optional field set (the LoRA measures only when `lowRank`).
    static func comparison(lowRank: Bool) -> MatrixComparison {
        MatrixComparison(
            name: "encoder.layer.0.attention.self.query.weight", tunedName: "tuned.query", matchedBy: .name(.exact),
            changed: true,
            maxCosineTopK: [0.4, 0.95], intruders: 1, intruderIndices: [0], intrudersByEpsilon: [0.5: 1, 0.9: 1],
            effectiveRank: 1.5, effectiveRankCutoff: 1e-6, numericalRank: 2, frobeniusDelta: 0.3,
            spectralNormDelta: 0.25,
            relativeChange: 0.12, stableRank: 1.4, similarity: [[0.4, 0.1], [0.2, 0.95]],
            singularValues: TunedSpectra(tuned: [2.1, 1, 0.5], delta: [0.25, 0.1]),
            spectrumIntruderFractions: [0.5, 0],
            tunedDtype: lowRank ? nil : .f32, roundingNoiseFloor: lowRank ? nil : 1e-4, nearStorageResolution: false,
            spanFractionTopK: [0.6, 1],
            nullControls: [
                NullControl(
                    kind: .isotropic, rank: 3, maxCosineTopK: [0.8, 0.9], intrudersByEpsilon: [0.5: 0, 0.9: 2],
                    spectrumIntruderFractions: [0, 0], decomposition: .gram)
            ],
            intruderEnergyShare: 0.4,
            lowRankMeasures: lowRank
                ? LowRankMeasures(
                    rank: 2, aRowSpaceCosines: [0.9, 0.1], bColumnSpaceCosines: [0.8, 0.2],
                    subspaceSimilarity: 0.5, amplification: 3) : nil,
            tunedDecomposition: .gram, topSpanFractionTopK: [0.3, 1])
    }
}
