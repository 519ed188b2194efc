import Foundation
import SpeclensCheckpoints
import SpeclensDataset
import SpeclensTestSupport
import Testing

@testable import SpeclensAnalysis

/// The planner's sanity checks, one property per test: adapters that do not fit the base, sizes
/// that disagree, runs that are the base, LoRA runs that show nothing, and the name note.
@Suite("Sanity checks while planning")
struct SanityCheckTests {
    /// Writes `folder/base/{model.safetensors, config.json}`: `model.layers.L.{q,k}.weight`, 4 × 4,
    /// for L in 0..<layers, and a config with hidden_size 4, the layer count and `name` (if any).
    @discardableResult
    static func writeBase(_ folder: String, layers: Int = 2, name: String? = nil) throws -> String {
        var tensors: [(name: String, matrix: Matrix)] = []
        for layer in 0..<layers {
            for module in ["q", "k"] {
                tensors.append(("model.layers.\(layer).\(module).weight", TestFiles.ramp(4, 4, start: Float(layer))))
            }
        }
        let nameEntry = name.map { #", "_name_or_path": "\#($0)""# } ?? ""
        try TestFiles.write(
            #"{"hidden_size": 4, "num_hidden_layers": \#(layers)\#(nameEntry)}"#, folder, "base/config.json")
        try SafetensorsWriter.write(tensors, to: folder + "/base/model.safetensors")
        return folder + "/base"
    }

    /// Writes `folder/adapter`: one rank-1 LoRA module per name (`[width, width]`), declaring
    /// `baseName` as its base model if given.
    @discardableResult
    static func writeAdapter(_ folder: String, modules: [String], width: Int = 4, baseName: String? = nil) throws
        -> String
    {
        let adapter = folder + "/adapter"
        let declared = baseName.map { #","base_model_name_or_path":"\#($0)""# } ?? ""
        try TestFiles.write(#"{"peft_type":"LORA","r":1,"lora_alpha":1\#(declared)}"#, adapter, "adapter_config.json")
        try SafetensorsWriter.write(
            modules.flatMap { module in
                [
                    (name: "base_model.model.\(module).lora_A.weight", matrix: TestFiles.ramp(1, width)),
                    (name: "base_model.model.\(module).lora_B.weight", matrix: TestFiles.ramp(width, 1)),
                ]
            }, to: adapter + "/adapter_model.safetensors")
        return adapter
    }

    func plan(_ base: String, _ tuned: String, include: [String] = [], partialMatch: PartialMatchPolicy = .refuse)
        throws -> RunPlan
    {
        try AnalysisPlan(
            basePath: base, tunedPaths: [tuned], selection: MatrixSelection(include: include),
            partialMatch: partialMatch
        ).runs[0]
    }

    // MARK: closest names, implied sizes, model names

    @Test(
        "Closest base names: most shared trailing components first (an unknown prefix), then the smaller component edit distance, then alphabetical"
    )
    func closestNames() {
        let base = ["model.layers.0.q.weight", "model.layers.0.k.weight", "model.layers.1.q.weight", "lm_head.weight"]
        #expect(
            NameProximity.closest(to: "wrapper.inner.model.layers.0.q.weight", among: base, count: 2)
                == ["model.layers.0.q.weight", "model.layers.1.q.weight"])
        // layers → layer costs 1/6 of a component; both q candidates then tie and sort by name.
        #expect(
            NameProximity.closest(to: "model.layer.5.q.weight", among: base, count: 3)
                == ["model.layers.0.q.weight", "model.layers.1.q.weight", "model.layers.0.k.weight"])
        #expect(NameProximity.componentDistance(["layers"], ["layer"]) == 1.0 / 6)
        #expect(NameProximity.closest(to: "x.weight", among: [], count: 2).isEmpty)
    }

    @Test(
        "Implied hidden size: the one dimension every layer projection shares (16 for LLaMA q [16,16], k [8,16], down [16,24]); two or none shared → unknown; layers = largest index + 1"
    )
    func impliedDimensions() {
        let llama = ModelDimensions(matrices: [
            ("model.layers.0.self_attn.q_proj.weight", [16, 16]), ("model.layers.0.self_attn.k_proj.weight", [8, 16]),
            ("model.layers.3.mlp.down_proj.weight", [16, 24]), ("model.layers.3.input_layernorm.weight", [16]),
            ("model.embed_tokens.weight", [64, 16]),
        ])
        #expect(llama == ModelDimensions(hiddenSize: 16, layerCount: 4))
        #expect(ModelDimensions(matrices: [("h.0.attn.k.weight", [8, 16])]).hiddenSize == nil)
        #expect(ModelDimensions(matrices: [("h.0.a.weight", [8, 8]), ("h.1.b.weight", [16, 16])]).hiddenSize == nil)
        #expect(
            ModelDimensions(matrices: [("pooler.dense.weight", [8, 8])])
                == ModelDimensions(hiddenSize: nil, layerCount: nil))
    }

    @Test(
        "Model names agree across hub id, local folder and cache snapshot; a sentence-transformers model and its backbone's name do not"
    )
    func modelNames() {
        let id = "sentence-transformers/all-MiniLM-L6-v2"
        #expect(ModelNameMatch.agrees(id, withAnyOf: ["/models/all-MiniLM-L6-v2/"]))
        #expect(
            ModelNameMatch.agrees(
                id, withAnyOf: ["/hf/hub/models--sentence-transformers--all-MiniLM-L6-v2/snapshots/8b3219a9"]))
        #expect(ModelNameMatch.agrees("All-MiniLM-L6-v2", withAnyOf: [id]))
        #expect(
            !ModelNameMatch.agrees(id, withAnyOf: ["nreimers/MiniLM-L6-H384-uncased", "/fixtures/minilm/base", "base"]))
    }

    // MARK: adapters that do not fit

    @Test("An adapter with exactly half of its modules pairing is planned, with no pairing warning")
    func halfPairs() throws {
        try TestFiles.withFolder { folder in
            let base = try Self.writeBase(folder, layers: 4)
            let adapter = try Self.writeAdapter(
                folder, modules: ["model.layers.0.q", "model.layers.1.q", "other.0.q", "other.1.q"])
            let run = try plan(base, adapter)
            #expect(!run.findings.contains { if case .partialMatch = $0 { return true } else { return false } })
            #expect(run.excluded.filter { $0.reason == .adapterModuleWithoutBase(module: "other.0.q") }.count == 1)
        }
    }

    @Test(
        "An adapter with fewer than half of its modules pairing is refused: adapterDoesNotFitBase with 1 of 4, the first unmatched modules by name and their closest base weights (query → q before k)"
    )
    func fewerThanHalfRefused() throws {
        try TestFiles.withFolder { folder in
            let base = try Self.writeBase(folder)
            let adapter = try Self.writeAdapter(
                folder, modules: ["model.layers.0.q", "enc.layer.0.query", "enc.layer.1.query", "enc.layer.1.key"])
            let error = #expect(throws: AnalysisError.self) { try plan(base, adapter) }
            #expect(
                error
                    == .adapterDoesNotFitBase(
                        base: base,
                        coverage: ModuleCoverage(
                            adapter: adapter, matched: 1, total: 4,
                            unmatched: [
                                UnmatchedModule(
                                    module: "enc.layer.0.query",
                                    closestBaseNames: ["model.layers.0.q.weight", "model.layers.0.k.weight"]),
                                UnmatchedModule(
                                    module: "enc.layer.1.key",
                                    closestBaseNames: ["model.layers.1.k.weight", "model.layers.1.q.weight"]),
                                UnmatchedModule(
                                    module: "enc.layer.1.query",
                                    closestBaseNames: ["model.layers.1.q.weight", "model.layers.1.k.weight"]),
                            ])))
            let text = try #require(error?.description)
            #expect(text.contains("1 of 4 LoRA module(s)"))
            #expect(
                text.contains(
                    "enc.layer.1.key (closest base weights: model.layers.1.k.weight, model.layers.1.q.weight)"))
            #expect(!text.contains("--"))
        }
    }

    @Test(
        "Pairing is judged before the selection: an include pattern that leaves out every paired module does not make the adapter unfit"
    )
    func pairingBeforeSelection() throws {
        try TestFiles.withFolder { folder in
            let base = try Self.writeBase(folder)
            let adapter = try Self.writeAdapter(folder, modules: ["model.layers.0.q", "model.layers.1.q"])
            let run = try plan(base, adapter, include: [#"\.k\."#])
            #expect(run.findings == [.nothingAdaptedAnalysed(adaptedInBase: 2)])
            #expect(
                run.warnings == [
                    "every analysed matrix is unchanged: the selection leaves out all 2 base weight(s) the adapter changes, so this run shows nothing of the adapter"
                ])
        }
    }

    @Test(
        "With partial matches allowed, the unfit adapter is planned with warnings: the pairing, the other width (16 vs the base's 4), and nothing adapted"
    )
    func partialAllowed() throws {
        try TestFiles.withFolder { folder in
            let base = try Self.writeBase(folder)
            let adapter = try Self.writeAdapter(folder, modules: ["enc.layer.0.query", "enc.layer.1.query"], width: 16)
            let run = try plan(base, adapter, partialMatch: .warn)
            let coverage = ModuleCoverage(
                adapter: adapter, matched: 0, total: 2,
                unmatched: [
                    UnmatchedModule(
                        module: "enc.layer.0.query",
                        closestBaseNames: ["model.layers.0.q.weight", "model.layers.0.k.weight"]),
                    UnmatchedModule(
                        module: "enc.layer.1.query",
                        closestBaseNames: ["model.layers.1.q.weight", "model.layers.1.k.weight"]),
                ])
            #expect(
                run.findings == [
                    .partialMatch(coverage),
                    .hiddenSizeMismatch(adapter: 16, config: ConfigNumber(key: "hidden_size", value: 4), shapes: 4),
                    .nothingAdaptedAnalysed(adaptedInBase: 0),
                ])
            #expect(run.findings.allSatisfy { $0.severity == .warning })
            #expect(
                run.warnings[1]
                    == #"the adapter's module shapes imply hidden size 16, but the base has 4 in its config.json ("hidden_size") and 4 in its layer matrices: the adapter was made for a model of another width"#
            )
            #expect(run.notes.isEmpty)
        }
    }

    @Test(
        "An adapter reaching layer 3 on a 2-layer base (half its modules pair) gets a layer-count warning citing config.json and the tensor names"
    )
    func deeperAdapter() throws {
        try TestFiles.withFolder { folder in
            let base = try Self.writeBase(folder, layers: 2)
            let adapter = try Self.writeAdapter(folder, modules: (0..<4).map { "model.layers.\($0).q" })
            let run = try plan(base, adapter)
            #expect(
                run.findings == [
                    .layerCountMismatch(
                        adapterLayers: 4, config: ConfigNumber(key: "num_hidden_layers", value: 2), shapes: 2)
                ])
            #expect(
                run.warnings == [
                    #"the adapter adapts layer 3, so its model has at least 4 layers, but the base has 2 in its config.json ("num_hidden_layers") and 2 in its tensor names: the adapter was made for a deeper model"#
                ])
            // An adapter of the first layer only is not a mismatch.
            let shallow = try Self.writeAdapter(folder + "/shallow", modules: ["model.layers.0.q"])
            #expect(try plan(base, shallow).findings.isEmpty)
        }
    }

    @Test(
        "The adapter's declared base model: a different name is a note (not a warning); the same name, its folder, or no declaration gives none"
    )
    func declaredName() throws {
        try TestFiles.withFolder { folder in
            let base = try Self.writeBase(folder, name: "org/backbone")
            for (declared, expectNote) in [
                ("org/fine-tuned-on-backbone", true), ("org/backbone", false), ("/models/base", false),
            ] {
                let adapter = try Self.writeAdapter(
                    folder + "/" + UUID().uuidString, modules: ["model.layers.0.q"], baseName: declared)
                let run = try plan(base, adapter)
                #expect(run.warnings.isEmpty)
                #expect(run.notes.count == (expectNote ? 1 : 0), "\(declared)")
            }
            let adapter = try Self.writeAdapter(
                folder + "/declared", modules: ["model.layers.0.q"], baseName: "org/other")
            #expect(
                try plan(base, adapter).findings == [
                    .baseNameDiffers(declared: "org/other", baseName: "org/backbone", baseFolder: "base")
                ])
            #expect(
                try plan(base, adapter).notes == [
                    #"the adapter names its base model "org/other"; the base's config.json names "org/backbone". Names often differ for the same weights (a fine-tuned model's config can keep its backbone's name); the fit is judged by tensor names, shapes and layers"#
                ])
        }
    }

    // MARK: runs that are the base

    @Test(
        "A full run made of the base's files is refused while planning: the same folder and a symlink as sameFiles, a copy as identicalBytes"
    )
    func baseAsRun() throws {
        try TestFiles.withFolder { folder in
            let base = try Self.writeBase(folder)
            try FileManager.default.createSymbolicLink(
                atPath: folder + "/link.safetensors", withDestinationPath: base + "/model.safetensors")
            try FileManager.default.copyItem(atPath: base + "/model.safetensors", toPath: folder + "/copy.safetensors")
            for (tuned, evidence) in [
                (base, SameAsBase.sameFiles), (folder + "/link.safetensors", .sameFiles),
                (folder + "/copy.safetensors", .identicalBytes),
            ] {
                let error = #expect(throws: AnalysisError.self) { try plan(base, tuned) }
                #expect(error == .runIsBase(run: tuned, base: base, evidence: evidence))
            }
            try TestFiles.resavedCopy(of: base + "/model.safetensors", to: folder + "/resaved.safetensors")
            #expect(try plan(base, folder + "/resaved.safetensors").matrices.count == 4)
        }
    }

    @Test(
        "A re-saved base (same values, other bytes) passes planning but is refused after the analysis: noMatrixChanged(analysed: 4); one shard of it is not judged"
    )
    func unchangedFullRun() throws {
        try TestFiles.withFolder { folder in
            let base = try Self.writeBase(folder)
            try TestFiles.resavedCopy(of: base + "/model.safetensors", to: folder + "/resaved.safetensors")
            let analyzer = try SpectralAnalyzer(parameters: AnalysisParameters(), workers: 1)
            let error = #expect(throws: AnalysisError.self) {
                try analyzer.analyze(basePath: base, tunedPaths: [folder + "/resaved.safetensors"])
            }
            #expect(
                error
                    == .runIsBase(
                        run: folder + "/resaved.safetensors", base: base, evidence: .noMatrixChanged(analysed: 4)))
            #expect(
                error?.description.contains(
                    "all 4 analysed matrices are identical to the base's (ΔW = 0 everywhere in the selection)") == true)
            let shard = try analyzer.analyze(
                basePath: base, tunedPaths: [folder + "/resaved.safetensors"], shard: (0, 2))
            #expect(shard.runs[0].summary.unchangedMatrices == 2)
        }
    }
}
