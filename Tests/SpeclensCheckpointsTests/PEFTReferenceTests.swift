import Foundation
import SpeclensTestSupport
import Testing

@testable import SpeclensCheckpoints

/// speclens' merges against PEFT's own `merge_and_unload()` (data from
/// scripts/peft-reference/make_reference.py, committed under PEFTReference/).
@Suite("PEFT reference merges")
struct PEFTReferenceTests {
    static let folder: String = Fixtures.peftReference.path

    static let variants = [
        "lora", "rslora", "patterns", "dora", "gpt2_fan_in_fan_out", "gpt2_dora",
        "embedding", "embedding_dora", "modules_to_save", "lora_bias",
    ]

    /// ‖x − y‖_F / ‖y‖_F in double precision.
    static func relativeError(_ x: [Double], _ y: [Double]) -> Double {
        var difference = 0.0
        var norm = 0.0
        for i in x.indices {
            difference += (x[i] - y[i]) * (x[i] - y[i])
            norm += y[i] * y[i]
        }
        return (difference / norm).squareRoot()
    }

    static func delta(_ tuned: Matrix, _ base: Matrix) -> [Double] {
        zip(tuned.values, base.values).map { Double($0) - Double($1) }
    }

    /// scale · B · A in analysis orientation, laid out like the stored weight.
    static func lowRankDelta(_ module: LoRAModule, _ a: Matrix, _ b: Matrix) -> [Double] {
        let out = module.outFeatures
        let inFeatures = module.inFeatures
        var result = [Double](repeating: 0, count: out * inFeatures)
        for o in 0..<out {
            for i in 0..<inFeatures {
                var sum = 0.0
                for k in 0..<module.rank { sum += Double(b[o, k]) * Double(a[k, i]) }
                let index = module.layerKind.storedTransposed ? i * out + o : o * inFeatures + i
                result[index] = module.scale * sum
            }
        }
        return result
    }

    /// What the adapter changes in a base weight: a LoRA module, or a saved (`modules_to_save`)
    /// replacement tensor.
    enum AdapterUpdate {
        case module(LoRAModule)
        case saved(tensor: String)
    }

    /// The adapter's updates keyed by the base-model weight name they change (module path +
    /// `.weight`, or the saved tensor's model name); these fixtures use the base's exact names.
    static func updates(_ adapter: LoRAAdapter) -> [String: AdapterUpdate] {
        var result: [String: AdapterUpdate] = [:]
        for module in adapter.modules { result[module.module + ".weight"] = .module(module) }
        for tensor in adapter.savedTensors {
            result[LoRAAdapter.modelName(ofSavedTensor: tensor.name)] = .saved(tensor: tensor.name)
        }
        return result
    }

    /// The largest relative ΔW error of a variant over all matrices PEFT changed.
    static func check(_ variant: String) throws -> (
        maxError: Double, updates: [String: AdapterUpdate], adapter: LoRAAdapter
    ) {
        let root = (folder as NSString).appendingPathComponent(variant)
        let base = try ModelCheckpoint(path: root + "/base")
        guard case .lora(let adapter) = try FineTuneCheckpoint.open(path: root + "/adapter") else {
            throw CheckpointError.noCheckpointFound(path: root, lookedFor: ["adapter"])
        }
        let reference = try ModelCheckpoint(path: root + "/merged.safetensors")
        let updates = Self.updates(adapter)
        #expect(
            Set(updates.keys) == Set(reference.tensors.map(\.name)),
            "\(variant): adapter updates vs PEFT's changed matrices")
        var maxError = 0.0
        for info in reference.tensors {
            let update = try #require(updates[info.name], "\(variant): nothing in the adapter changes \(info.name)")
            let w0 = try base.matrix(info.name)
            let peftDelta = delta(try reference.matrix(info.name), w0)
            switch update {
            case .module(let module):
                #expect(base.info(info.name)?.shape == module.storageShape)
                let merged = try adapter.mergedWeight(module, base: w0)
                let error = relativeError(delta(merged, w0), peftDelta)
                #expect(error < 1e-5, "\(variant) \(info.name): mergedWeight ΔW relative error \(error)")
                maxError = max(maxError, error)
                if adapter.isLowRank(module) {
                    let (a, b) = try adapter.factors(module)
                    let factorError = relativeError(lowRankDelta(module, a, b), peftDelta)
                    #expect(factorError < 1e-5, "\(variant) \(info.name): scale·B·A relative error \(factorError)")
                    maxError = max(maxError, factorError)
                }
            case .saved(let tensor):
                let error = relativeError(delta(try adapter.matrix(tensor), w0), peftDelta)
                #expect(error < 1e-5, "\(variant) \(info.name): replacement ΔW relative error \(error)")
                maxError = max(maxError, error)
            }
        }
        print("PEFT reference \(variant): \(reference.tensors.count) matrices, max relative ΔW error \(maxError)")
        return (maxError, updates, adapter)
    }

    @Test("speclens' ΔW matches PEFT's merge_and_unload() within 1e-5 relative Frobenius error", arguments: variants)
    func variant(_ variant: String) throws {
        let (maxError, updates, adapter) = try Self.check(variant)
        #expect(maxError < 1e-5)
        let lowRank = adapter.modules
        switch variant {
        case "dora", "gpt2_dora":
            #expect(lowRank.allSatisfy { $0.isDoRA && !adapter.isLowRank($0) })
        case "embedding_dora":
            #expect(lowRank.allSatisfy { $0.isDoRA })
        default:
            #expect(lowRank.allSatisfy { adapter.isLowRank($0) })
        }
        switch variant {
        case "gpt2_fan_in_fan_out", "gpt2_dora":
            #expect(lowRank.allSatisfy { $0.layerKind == .conv1D })
        case "embedding", "embedding_dora":
            guard case .module(let module) = try #require(updates["model.embed_tokens.weight"]) else {
                Issue.record("the embedding table is not changed by a LoRA module")
                return
            }
            #expect(module.layerKind == .embedding)
            #expect(module.storageShape == [64, 16])
            #expect((module.outFeatures, module.inFeatures) == (16, 64))
            #expect(adapter.otherTensors.map(\.name) == ["base_model.model.model.embed_tokens.base_layer.weight"])
        case "rslora":
            #expect(lowRank.allSatisfy { abs($0.scale - 6 / 2) < 1e-12 })
        case "patterns":
            // rank_pattern {"layers.0.self_attn.q_proj": 6, "q_proj": 2}; alpha_pattern {"down_proj": 5, "layers.1.mlp.down_proj": 3}
            let byName = Dictionary(uniqueKeysWithValues: lowRank.map { ($0.module, $0) })
            #expect(byName["model.layers.0.self_attn.q_proj"]?.rank == 6)
            #expect(byName["model.layers.1.self_attn.q_proj"]?.rank == 2)
            #expect(byName["model.layers.0.self_attn.v_proj"]?.rank == 4)
            #expect(byName["model.layers.1.mlp.down_proj"]?.alpha == 5)
            #expect(byName["model.layers.1.mlp.down_proj"]?.scale == 5.0 / 4)
            #expect(byName["model.layers.0.self_attn.q_proj"]?.scale == 8.0 / 6)
        case "modules_to_save":
            guard case .saved(let tensor) = try #require(updates["lm_head.weight"]) else {
                Issue.record("lm_head is not a saved module")
                return
            }
            #expect(tensor == "base_model.model.lm_head.weight")
        case "lora_bias":
            #expect(lowRank.allSatisfy { $0.biasTensor != nil })
            #expect(adapter.otherTensors.count == lowRank.count)
            #expect(adapter.otherTensors.allSatisfy { $0.name.hasSuffix("lora_B.bias") })
        default:
            #expect(lowRank.allSatisfy { $0.layerKind == .linear })
        }
    }

    @Test("Zero-error guard: PEFT's ΔW is not zero, and a wrong merge (no DoRA rescale, untransposed) is detected")
    func guardAgainstTrivialMatch() throws {
        let root = (Self.folder as NSString).appendingPathComponent("gpt2_dora")
        let base = try ModelCheckpoint(path: root + "/base")
        let adapter = try LoRAAdapter(path: root + "/adapter")
        let reference = try ModelCheckpoint(path: root + "/merged.safetensors")
        let module = try #require(adapter.modules.first { $0.module == "transformer.h.0.attn.c_attn" })
        let w0 = try base.matrix("transformer.h.0.attn.c_attn.weight")
        let peftDelta = Self.delta(try reference.matrix("transformer.h.0.attn.c_attn.weight"), w0)
        #expect(peftDelta.map(abs).max()! > 1e-3)
        let (a, b) = try adapter.factors(module)
        #expect(Self.relativeError(Self.lowRankDelta(module, a, b), peftDelta) > 1e-2)
    }
}
