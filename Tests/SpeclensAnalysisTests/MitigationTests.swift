import Foundation
import SpeclensCheckpoints
import SpeclensDataset
import SpeclensLinearAlgebraTestSupport
import SpeclensTestSupport
import Testing

@testable import SpeclensAnalysis
@testable import SpeclensLinearAlgebra

/// `speclens mitigate` against PEFT's own reduce_intruder_dimension (data made by
/// scripts/peft-mitigation/compare_mitigation.py with PEFT 0.21.2, committed in PEFTMitigation/).
@Suite("Intruder mitigation", .serialized)
struct MitigationTests {
    static let reference = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appending(path: "PEFTMitigation")

    /// Mitigates `adapter` over `base` into a scratch folder; returns the written adapter, the
    /// original and the record.
    static func mitigate(base: String, adapter: String, epsilon: Double) throws -> (
        LoRAAdapter, LoRAAdapter, MitigationRecord, String
    ) {
        let folder = FileManager.default.temporaryDirectory.appending(path: "speclens-mitigate-\(UUID().uuidString)")
            .path
        let record = try AdapterMitigation(mitigation: IntruderMitigation(epsilon: epsilon))
            .run(basePath: base, adapterPath: adapter, output: folder)
        return (try LoRAAdapter(path: folder), try LoRAAdapter(path: adapter), record, folder)
    }

    /// `scale · B · A` of `module` with the factors read from `file`.
    static func delta(_ module: LoRAModule, a: Matrix, b: Matrix) -> [Double] {
        var result = [Double](repeating: 0, count: b.rows * a.columns)
        for i in 0..<b.rows {
            for j in 0..<a.columns {
                var sum = 0.0
                for k in 0..<b.columns { sum += Double(b[i, k]) * Double(a[k, j]) }
                result[i * a.columns + j] = module.scale * sum
            }
        }
        return result
    }

    static func check(case name: String, base: String, adapter: String, epsilon: Double) throws {
        let (mitigated, _, record, folder) = try mitigate(base: base, adapter: adapter, epsilon: epsilon)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let peft = try SafetensorsFile(path: reference.appending(path: "\(name)/peft_factors.safetensors").path)
        var worst = 0.0
        for module in mitigated.modules where module.layerKind == .linear {
            let (a, b) = try mitigated.factors(module)
            let ours = delta(module, a: a, b: b)
            let theirs = delta(module, a: try peft.matrix(module.aTensor), b: try peft.matrix(module.bTensor))
            var difference = 0.0
            var norm = 0.0
            for i in ours.indices {
                difference += (ours[i] - theirs[i]) * (ours[i] - theirs[i])
                norm += theirs[i] * theirs[i]
            }
            let error = norm > 0 ? (difference / norm).squareRoot() : difference.squareRoot()
            #expect(error < 1e-4, "\(name) \(module.module): relative ΔW error \(error)")
            worst = max(worst, error)
        }
        #expect(
            record.modules.contains { !$0.intruderIndices.isEmpty }, "\(name): the case must have intruders to compare")
        print("mitigation \(name): max relative ΔW error against PEFT \(worst)")
    }

    @Test(
        "nn.Linear adapters (LoRA, rsLoRA, rank/alpha patterns): the mitigated update matches PEFT's reduce_intruder_dimension within 1e-4 relative Frobenius error",
        arguments: ["lora", "rslora", "patterns"])
    func matchesPEFT(variant: String) throws {
        let folder = Fixtures.peftReference.appending(path: variant)
        try Self.check(
            case: variant, base: folder.appending(path: "base").path, adapter: folder.appending(path: "adapter").path,
            epsilon: 0.5)
    }

    @Test("The MiniLM r1 adapter at ε = 0.7 matches PEFT within 1e-4", Fixtures.enabled)
    func matchesPEFTOnMiniLM() throws {
        try Fixtures.require()
        try Self.check(
            case: "minilm-r1", base: Fixtures.minilm("base"), adapter: Fixtures.minilm("lora-r1-a2"), epsilon: 0.7)
    }

    @Test(
        "The written adapter keeps every tensor name, dtype and shape; only factors of modules with intruders change; the rest is copied byte for byte; the config notes what was done"
    )
    func adapterLayout() throws {
        let folder = Fixtures.peftReference.appending(path: "dora")
        let (mitigated, original, record, output) = try Self.mitigate(
            base: folder.appending(path: "base").path, adapter: folder.appending(path: "adapter").path, epsilon: 0.5)
        defer { try? FileManager.default.removeItem(atPath: output) }
        #expect(mitigated.allTensors.map(\.name) == original.allTensors.map(\.name))
        #expect(mitigated.allTensors.map(\.dtype) == original.allTensors.map(\.dtype))
        #expect(mitigated.allTensors.map(\.shape) == original.allTensors.map(\.shape))
        let changedModules = Set(record.modules.filter { !$0.intruderIndices.isEmpty }.map(\.module))
        #expect(!changedModules.isEmpty)
        for module in original.modules {
            let sameA = try mitigated.rawBytes(module.aTensor) == original.rawBytes(module.aTensor)
            #expect(sameA != changedModules.contains(module.module), "\(module.module)")
            if let magnitude = module.magnitudeTensor {
                #expect(try mitigated.rawBytes(magnitude) == original.rawBytes(magnitude))  // DoRA: magnitude copied
            }
        }
        let config = try String(contentsOfFile: output + "/adapter_config.json", encoding: .utf8)
        #expect(config.contains("\"speclens_mitigation\""))
        #expect(MitigationRecord.read(adapterFolder: output) == record)
        for module in record.modules where !module.intruderIndices.isEmpty {
            #expect(
                zip(module.singularValues, module.mitigatedSingularValues).allSatisfy {
                    abs($1 - 0.75 * $0) < 1e-5 * $0
                })
            #expect(module.intruderEnergyShare > 0 && module.intruderEnergyShare <= 1)
        }
    }

    @Test(
        "Analytic: on W0 + s·B·A with one random rank-one direction far above W0's spectrum, the intruder's singular value in the merged weight becomes λσ and nothing else moves"
    )
    func analytic() throws {
        let known = KnownSVD(out: 48, inputs: 32, sigma: KnownSVD.decaying(32), seed: 9)
        var random = SeededRandom(seed: 4)
        let u = random.unitVector(48)
        let v = random.unitVector(32)
        let b = Matrix(rows: 48, columns: 1, values: u.map { Float($0 * 40) })
        let a = Matrix(rows: 1, columns: 32, values: v.map(Float.init))
        let outcome = try IntruderMitigation(topK: 10, epsilon: 0.5, lambda: 0.5)
            .mitigate(base: known.matrix, b: b, a: a, scale: 1, name: "W")
        #expect(outcome.record.intruderIndices == [0])
        let (newB, newA) = try #require(outcome.factors)
        let before = try SingularValueDecomposition(
            of: MatrixComparisonAnalysis.merge(base: known.matrix, b: b, a: a, scale: 1), name: "W")
        let after = try SingularValueDecomposition(
            of: MatrixComparisonAnalysis.merge(base: known.matrix, b: newB, a: newA, scale: 1), name: "W")
        // The mitigated weight is W0 plus the best rank-1 approximation of (Wm' − W0): its top value
        // is about half the intruder's, the others stay W0's.
        #expect(abs(after.values[0] - 0.5 * before.values[0]) / before.values[0] < 0.05)
        #expect(abs(after.values[5] - before.values[5]) / before.values[5] < 0.05)
    }
}

@Suite("Mitigation written as a merged model", .serialized)
struct MergedMitigationTests {
    @Test(
        "--merged: the mitigated DoRA adapter merged into the base equals the mitigated adapter's own merge, tensor for tensor; untouched tensors are copied byte for byte"
    )
    func mergedEqualsAdapterMerge() throws {
        let folder = Fixtures.peftReference.appending(path: "dora")
        let scratch = FileManager.default.temporaryDirectory.appending(path: "speclens-merged-\(UUID().uuidString)")
            .path
        defer { try? FileManager.default.removeItem(atPath: scratch) }
        let mitigation = AdapterMitigation(mitigation: IntruderMitigation())
        let basePath = folder.appending(path: "base").path
        let adapterPath = folder.appending(path: "adapter").path
        _ = try mitigation.run(basePath: basePath, adapterPath: adapterPath, writing: .adapter(scratch + "/adapter"))
        _ = try mitigation.run(basePath: basePath, adapterPath: adapterPath, writing: .merged(scratch + "/merged"))
        let base = try ModelCheckpoint(path: basePath)
        let merged = try ModelCheckpoint(path: scratch + "/merged")
        let adapter = try LoRAAdapter(path: scratch + "/adapter")
        #expect(merged.tensors.map(\.name) == base.tensors.map(\.name))
        #expect(merged.tensors.map(\.dtype) == base.tensors.map(\.dtype))
        #expect(FileManager.default.fileExists(atPath: scratch + "/merged/config.json"))
        let adapted = Set(adapter.modules.map { $0.module + ".weight" })
        for module in adapter.modules {
            let name = module.module + ".weight"
            #expect(try merged.matrix(name) == adapter.mergedWeight(module, base: try base.matrix(name)), "\(name)")
        }
        for info in base.tensors where !adapted.contains(info.name) {
            #expect(try merged.rawBytes(info.name) == base.rawBytes(info.name), "\(info.name)")
        }
    }

    @Test(
        "With λ = 1 nothing is scaled: the merged model of a plain LoRA adapter over a sharded base keeps the shards and index and matches PEFT's merge_and_unload within 1e-5"
    )
    func shardedIdentity() throws {
        let folder = Fixtures.peftReference.appending(path: "lora")
        let base = try ModelCheckpoint(path: folder.appending(path: "base").path)
        try TestFiles.withFolder { scratch in
            // The base split into two shards with an index.
            let names = base.tensors.map(\.name)
            let half = names.count / 2
            var map: [String: String] = [:]
            for (index, part) in [Array(names[..<half]), Array(names[half...])].enumerated() {
                let file = "model-0000\(index + 1)-of-00002.safetensors"
                let entries = try part.map { name -> SafetensorsWriter.Entry in
                    let info = try #require(base.info(name))
                    return SafetensorsWriter.Entry(
                        name: name, dtype: info.dtype, shape: info.shape, bytes: try base.rawBytes(name))
                }
                try FileManager.default.createDirectory(atPath: scratch + "/base", withIntermediateDirectories: true)
                try SafetensorsWriter.write(entries: entries, to: scratch + "/base/" + file)
                for name in part { map[name] = file }
            }
            let index = try JSONSerialization.data(withJSONObject: ["weight_map": map], options: .sortedKeys)
            try index.write(to: URL(fileURLWithPath: scratch + "/base/model.safetensors.index.json"))
            _ = try AdapterMitigation(mitigation: IntruderMitigation(lambda: 1)).run(
                basePath: scratch + "/base", adapterPath: folder.appending(path: "adapter").path,
                writing: .merged(scratch + "/merged"))
            let files = try FileManager.default.contentsOfDirectory(atPath: scratch + "/merged").sorted()
            #expect(
                files.contains("model-00001-of-00002.safetensors") && files.contains("model-00002-of-00002.safetensors")
            )
            #expect(files.contains("model.safetensors.index.json"))
            let merged = try ModelCheckpoint(path: scratch + "/merged")
            let reference = try ModelCheckpoint(path: folder.appending(path: "merged.safetensors").path)
            for info in reference.tensors {
                let ours = try merged.matrix(info.name)
                let theirs = try reference.matrix(info.name)
                let w0 = try base.matrix(info.name)
                var difference = 0.0
                var norm = 0.0
                for i in ours.values.indices {
                    let d = Double(ours.values[i]) - Double(theirs.values[i])
                    let delta = Double(theirs.values[i]) - Double(w0.values[i])
                    difference += d * d
                    norm += delta * delta
                }
                #expect((difference / norm).squareRoot() < 1e-5, "\(info.name)")
            }
        }
    }
}
