import Foundation
import SpeclensCheckpoints
import SpeclensDataset
import SpeclensTestSupport
import Testing

@testable import SpeclensAnalysis
@testable import SpeclensLinearAlgebra

/// Half-precision copies of the MiniLM fine-tunes, made here: the effective rank of a stored
/// difference must follow the storage format's rounding, not float32's.
@Suite("Effective ranks of half-precision checkpoints", .serialized, Fixtures.enabled)
struct StoragePrecisionTests {
    /// Writes the 36 encoder matrices of the base, of the full fine-tune and of the base merged
    /// with the r8 α16 LoRA, each as `dtype`; returns the dataset of base vs (merged, full).
    static func analyse(_ dtype: TensorDType) throws -> SpectralDataset {
        try TestFiles.withFolder { folder in
            let base = try ModelCheckpoint(path: Fixtures.minilm("base"))
            let full = try ModelCheckpoint(path: Fixtures.minilm("full"))
            let adapter = try LoRAAdapter(path: Fixtures.minilm("lora-r8-a16"))
            let names = base.tensors.map(\.name).filter { $0.hasPrefix("encoder.layer.") && $0.hasSuffix(".weight") }
                .filter { base.info($0)?.shape.count == 2 }
            var baseTensors: [(name: String, matrix: Matrix)] = []
            var merged = baseTensors
            var fullTensors = baseTensors
            for name in names {
                let w0 = try base.matrix(name)
                baseTensors.append((name, w0))
                fullTensors.append((name, try full.matrix("bert." + name)))
                let module = try #require(
                    adapter.modules.first { $0.module == "bert." + String(name.dropLast(".weight".count)) })
                merged.append((name, try adapter.mergedWeight(module, base: w0)))
            }
            #expect(names.count == 36)
            for (sub, tensors) in [("base", baseTensors), ("merged-r8", merged), ("full", fullTensors)] {
                try FileManager.default.createDirectory(atPath: folder + "/" + sub, withIntermediateDirectories: true)
                try SafetensorsWriter.write(tensors, to: folder + "/\(sub)/model.safetensors", dtype: dtype)
            }
            let analyzer = try SpectralAnalyzer(
                parameters: AnalysisParameters(spectrumBuckets: 0, nullControls: false), workers: 2)
            return try analyzer.analyze(
                basePath: folder + "/base", tunedPaths: [folder + "/merged-r8", folder + "/full"])
        }
    }

    @Test(
        "bf16 and fp16: the merged rank-8 LoRA reads a mean effective rank of at most 15 and most of its matrices are near storage resolution; the full fine-tune stays above 150 and is not flagged as a run",
        arguments: [TensorDType.BF16, .F16])
    func halfPrecision(dtype: TensorDType) throws {
        try Fixtures.require()
        let dataset = try Self.analyse(dtype)
        let (merged, full) = (dataset.runs[0], dataset.runs[1])
        #expect(dataset.base.matrices.allSatisfy { $0.dtype == StorageDType(dtype) })
        #expect(merged.matrices.allSatisfy { $0.tunedDtype == StorageDType(dtype) })
        let mergedRank = try #require(merged.summary.meanEffectiveRank)
        #expect(mergedRank <= 15, "merged r8 stored as \(dtype): mean effective rank \(mergedRank)")
        #expect(mergedRank >= 5, "the floor must not erase the update itself: \(mergedRank)")
        #expect(merged.summary.nearStorageResolution == true)
        #expect(2 * (merged.summary.nearStorageResolutionMatrices ?? 0) > merged.matrices.count)
        let fullRank = try #require(full.summary.meanEffectiveRank)
        #expect(fullRank > 150, "full fine-tune stored as \(dtype): mean effective rank \(fullRank)")
        #expect(full.summary.nearStorageResolution == false)
        #expect(
            merged.matrices.allSatisfy {
                ($0.roundingNoiseFloor ?? 0) > 0 && $0.effectiveRankCutoff >= ($0.roundingNoiseFloor ?? 0)
            })
        print(
            "\(dtype): merged r8 mean effective rank \(mergedRank), \(merged.summary.nearStorageResolutionMatrices ?? 0)/36 near storage resolution; full \(fullRank)"
        )
    }

    @Test("Storage spacing: bf16 keeps 7 fraction bits, fp16 10 with subnormals below 2^-14, f32 23")
    func spacing() {
        #expect(StorageDType.bf16.spacing(at: 1) == 0x1p-7)
        #expect(StorageDType.bf16.spacing(at: -3) == 0x1p-6)
        #expect(StorageDType.f16.spacing(at: 1) == 0x1p-10)
        #expect(StorageDType.f16.spacing(at: 0x1p-20) == 0x1p-24)
        #expect(StorageDType.f16.spacing(at: 0) == 0x1p-24)
        #expect(StorageDType.f32.spacing(at: 0.75) == 0x1p-24)
    }

    @Test("The rounding floor of two bf16 matrices of ones is σ_N·(√m + √n) with σ_N² = 2·(2⁻⁷)²/12")
    func floorOfKnownMatrix() {
        let ones = Matrix(rows: 16, columns: 9, values: Array(repeating: 1, count: 144))
        let floor = StorageRounding.noiseFloor(base: ones, baseDType: .bf16, tuned: ones, tunedDType: .bf16)
        let expected = (2 * 0x1p-14 / 12.0).squareRoot() * (4 + 3)
        #expect(abs(floor - expected) < 1e-15)
    }

    @Test(
        "The sum of squared spacings counted per exponent equals the value-by-value sum (zeros, float32 subnormals, negatives, ±∞, NaN, 10,000 Gaussian values; every format) to 1e-12 relative",
        arguments: StorageDType.allCases)
    func spacingsPerExponent(dtype: StorageDType) {
        var random = SeededRandom(seed: 21)
        let values = random.gaussians(10_000) + [0, -0, 0x1p-140, -0x1p-130, 1e-30, .infinity, -.infinity, .nan, 3e38]
        let direct = values.reduce(0.0) { sum, value in
            let spacing = dtype.spacing(at: Double(value))
            return sum + spacing * spacing
        }
        let counted = StorageRounding.squaredSpacings(values, dtype: dtype)
        #expect(abs(counted - direct) <= 1e-12 * direct)
    }
}
