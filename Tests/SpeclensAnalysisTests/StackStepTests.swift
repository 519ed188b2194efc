import Foundation
import SpeclensCheckpoints
import SpeclensDataset
import SpeclensLinearAlgebraTestSupport
import SpeclensTestSupport
import Testing

@testable import SpeclensAnalysis
@testable import SpeclensLinearAlgebra

@Suite("Stack steps compared with the previous step")
struct StackStepTests {
    /// W0: 64 × 64 with σ_i = 10 · 0.8^i, as `model.layers.0.self_attn.q_proj.weight`.
    let known = KnownSVD(out: 64, inputs: 64, sigma: KnownSVD.decaying(64), seed: 7)
    static let tensor = "model.layers.0.self_attn.q_proj.weight"

    /// Writes the base and a rank-1 LoRA adapter (α = r = 1, so ΔW = B·A = λ·u·vᵀ) per update.
    func write(_ folder: String, updates: [(name: String, lambda: Double, u: [Double], v: [Double])]) throws {
        try FileManager.default.createDirectory(atPath: folder + "/base", withIntermediateDirectories: true)
        try SafetensorsWriter.write([(Self.tensor, known.matrix)], to: folder + "/base/model.safetensors")
        for update in updates {
            let path = folder + "/" + update.name
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
            let b = Matrix(rows: 64, columns: 1, values: update.u.map { Float(update.lambda * $0) })
            let a = Matrix(rows: 1, columns: 64, values: update.v.map(Float.init))
            let prefix = "base_model.model." + Self.tensor.replacingOccurrences(of: ".weight", with: "")
            try SafetensorsWriter.write(
                [(prefix + ".lora_A.weight", a), (prefix + ".lora_B.weight", b)],
                to: path + "/adapter_model.safetensors")
            let config = #"{"peft_type": "LORA", "r": 1, "lora_alpha": 1, "target_modules": ["q_proj"]}"#
            try Data(config.utf8).write(to: URL(fileURLWithPath: path + "/adapter_config.json"))
        }
    }

    /// Step 1 adds 30·u₁·v₆₂ᵀ to W0, step 2 adds 40·u₂·v₆₃ᵀ (u₁, u₂ random unit vectors; v₆₂, v₆₃
    /// W0's last right singular vectors, orthogonal to its top ones): each step brings one new
    /// output direction above σ_max.
    func analyse(_ folder: String) throws -> SpectralDataset {
        var random = SeededRandom(seed: 11)
        let u1 = random.unitVector(64)
        let u2 = random.unitVector(64)
        try write(folder, updates: [("a", 30, u1, known.rightVector(62)), ("b", 40, u2, known.rightVector(63))])
        return try SpectralAnalyzer(parameters: AnalysisParameters(), workers: 1).analyze(
            basePath: folder + "/base",
            runs: [RunSpec(source: .stack([folder + "/a", folder + "/b"]), label: "a then b")])
    }

    @Test(
        "Step 2 = step 1 + λ·u·vᵀ (v orthogonal to step 1's top vectors): against the base both new directions are intruders, against the previous step exactly one, the step's own update has effective rank 1 and ‖ΔW‖_F = λ"
    )
    func oneIntruderAgainstPreviousStep() throws {
        try TestFiles.withFolder { folder in
            let dataset = try analyse(folder)
            #expect(dataset.runs.map(\.id.rawValue) == ["a-then-b-step1", "a-then-b-step2"])
            let (step1, step2) = (dataset.runs[0], dataset.runs[1])
            #expect(step1.againstPreviousStep == nil)
            #expect(step1.summary.intruders == 1)
            #expect(step2.summary.intruders == 2)
            let previous = try #require(step2.againstPreviousStep)
            #expect(previous.previous == step1.id)
            #expect(previous.matrices.map(\.name) == [Self.tensor])
            let matrix = previous.matrices[0]
            #expect(matrix.intruders == 1)
            #expect(matrix.intruderIndices == [0])
            #expect(previous.summary.intruders == 1)
            #expect(matrix.numericalRank == 1)
            #expect(abs((matrix.effectiveRank ?? 0) - 1) < 1e-9)
            #expect(abs(matrix.frobeniusDelta - 40) < 1e-3)
            #expect(matrix.nullControls?.isEmpty ?? true)
            // Read at another ε, the comparison with the previous step is recounted too.
            let read = step2.reading(atEpsilon: 0.05)
            #expect(read.againstPreviousStep?.summary.intruders == 0)
            #expect(read.againstPreviousStep?.matrices[0].intruders == 0)
        }
    }

    @Test(
        "The dataset with the comparison with the previous step round-trips through JSON, and a dataset without it still reads"
    )
    func roundTrip() throws {
        try TestFiles.withFolder { folder in
            let dataset = try analyse(folder)
            let data = try DatasetCoding.encode(dataset)
            #expect(String(decoding: data, as: UTF8.self).contains(#""against_previous_step":{"matrices":"#))
            #expect(try DatasetCoding.decode(data, path: "d.json") == dataset)
            var older = dataset
            older.runs[1].againstPreviousStep = nil
            let olderData = try DatasetCoding.encode(older)
            #expect(!String(decoding: olderData, as: UTF8.self).contains("against_previous_step"))
            #expect(try DatasetCoding.decode(olderData, path: "d.json").runs[1].againstPreviousStep == nil)
        }
    }
}
