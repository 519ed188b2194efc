import Foundation
import SpeclensCheckpoints
import SpeclensDataset
import SpeclensTestSupport
import Testing

@testable import SpeclensAnalysis

/// The planner's decisions, one property per test: which base matrix each run changes and how,
/// how names matched, which orientation applies, and why everything else is left out.
@Suite("Planning runs against the base")
struct RunPlannerTests {
    /// The plan of one run.
    func plan(
        _ base: ModelCheckpoint, _ tuned: FineTuneCheckpoint, selection: MatrixSelection? = nil,
        rewrites: [NameRewrite] = [], overrides: [OrientationOverride] = []
    ) throws -> RunPlan {
        try AnalysisPlan(
            base: base, tuned: [tuned], selection: selection ?? MatrixSelection(), rewrites: rewrites,
            orientationOverrides: overrides
        ).runs[0]
    }

    /// `base name ← tuned name (matched by) update` for each planned matrix, sorted by base name.
    func lines(_ run: RunPlan) -> [String] {
        run.matrices.sorted { $0.key < $1.key }.map { name, matrix in
            "\(name) ← \(matrix.tunedName) (\(matrix.matchedBy)) \(Self.update(matrix.update))"
        }
    }

    static func update(_ update: MatrixUpdate) -> String {
        switch update {
        case .replacement(_, let tensor, _, _): return "replacement by \(tensor)"
        case .lowRank(_, let module): return "low-rank \(module.module)"
        case .fullRankMerge(_, let module): return "full-rank merge \(module.module)"
        case .unchanged: return "unchanged"
        case .sequence(let updates): return updates.map { Self.update($0) }.joined(separator: " then ")
        }
    }

    func exclusions(_ run: RunPlan) -> [String] {
        run.excluded.map { "\($0.name) (\($0.side.rawValue)): \($0.reason.text)" }
    }

    // MARK: synthetic checkpoints

    @Test("Full fine-tune: exact names pair as exact; a tuned name lacking the base's prefix pairs as added prefix")
    func addedPrefix() throws {
        try TestFiles.withFolder { folder in
            try SafetensorsWriter.write(
                [
                    (name: "model.l.0.q.weight", matrix: TestFiles.ramp(2, 2)),
                    (name: "same.weight", matrix: TestFiles.ramp(2, 2)),
                ], to: folder + "/base.safetensors")
            try SafetensorsWriter.write(
                [
                    (name: "l.0.q.weight", matrix: TestFiles.ramp(2, 2)),
                    (name: "same.weight", matrix: TestFiles.ramp(2, 2)),
                ], to: folder + "/tuned.safetensors")
            let run = try plan(
                ModelCheckpoint(path: folder + "/base.safetensors"), .open(path: folder + "/tuned.safetensors"))
            #expect(
                lines(run) == [
                    #"model.l.0.q.weight ← l.0.q.weight (added prefix "model.") replacement by l.0.q.weight"#,
                    "same.weight ← same.weight (exact) replacement by same.weight",
                ])
            #expect(run.excluded.isEmpty)
            #expect(run.kind == .full)
        }
    }

    @Test(
        "Full fine-tune: a shape mismatch excludes the base matrix with both shapes; a missing one is 'absent from the fine-tuned checkpoint'"
    )
    func mismatchAndAbsent() throws {
        try TestFiles.withFolder { folder in
            try SafetensorsWriter.write(
                [
                    (name: "a.weight", matrix: TestFiles.ramp(2, 2)),
                    (name: "b.weight", matrix: TestFiles.ramp(2, 2)),
                    (name: "c.weight", matrix: TestFiles.ramp(2, 2)),
                ], to: folder + "/base.safetensors")
            try SafetensorsWriter.write(
                [
                    (name: "a.weight", matrix: TestFiles.ramp(2, 3)),
                    (name: "c.weight", matrix: TestFiles.ramp(2, 2)),
                ], to: folder + "/tuned.safetensors")
            let run = try plan(
                ModelCheckpoint(path: folder + "/base.safetensors"), .open(path: folder + "/tuned.safetensors"))
            #expect(lines(run) == ["c.weight ← c.weight (exact) replacement by c.weight"])
            #expect(
                run.excluded == [
                    Exclusion(
                        name: "a.weight", side: .base,
                        reason: .shapeMismatch(base: [2, 2], tuned: [2, 3], tunedName: "a.weight")),
                    Exclusion(name: "b.weight", side: .base, reason: .absentFromTuned),
                ])
            #expect(
                exclusions(run)[0]
                    == "a.weight (base): shape [2, 2] in the base but [2, 3] in the fine-tuned checkpoint (a.weight)")
        }
    }

    @Test("A fine-tune that pairs with nothing leaves nothing to analyse: nothingToAnalyse naming the base")
    func nothingPairs() throws {
        try TestFiles.withFolder { folder in
            try SafetensorsWriter.write(
                [(name: "a.weight", matrix: TestFiles.ramp(2, 2))], to: folder + "/base.safetensors")
            try SafetensorsWriter.write(
                [(name: "z.weight", matrix: TestFiles.ramp(2, 2))], to: folder + "/tuned.safetensors")
            let error = #expect(throws: AnalysisError.self) {
                try plan(
                    ModelCheckpoint(path: folder + "/base.safetensors"), .open(path: folder + "/tuned.safetensors"))
            }
            #expect(error == .nothingToAnalyse(base: folder + "/base.safetensors"))
        }
    }

    @Test("LoRA: a module whose factors disagree with the base weight's shape throws adapterShapeMismatch (wrong base)")
    func loraShapeMismatch() throws {
        try TestFiles.withFolder { folder in
            try SafetensorsWriter.write(
                [(name: "enc.q.weight", matrix: TestFiles.ramp(3, 3))], to: folder + "/base.safetensors")
            let adapter = folder + "/adapter"
            try TestFiles.write(#"{"peft_type":"LORA","r":1,"lora_alpha":1}"#, adapter, "adapter_config.json")
            try SafetensorsWriter.write(
                [
                    (name: "base_model.model.enc.q.lora_A.weight", matrix: TestFiles.ramp(1, 3)),
                    (name: "base_model.model.enc.q.lora_B.weight", matrix: TestFiles.ramp(2, 1)),
                ],
                to: adapter + "/adapter_model.safetensors")
            let error = #expect(throws: CheckpointError.self) {
                try plan(ModelCheckpoint(path: folder + "/base.safetensors"), .open(path: adapter))
            }
            #expect(error?.caseName == "adapterShapeMismatch")
            #expect(error?.description.contains("enc.q") == true)
        }
    }

    @Test(
        "LoRA: a module is low-rank, a DoRA module a full-rank merge, a saved module a replacement, an untouched matrix unchanged; orphans are excluded on the adapter side"
    )
    func loraKinds() throws {
        try TestFiles.withFolder { folder in
            try SafetensorsWriter.write(
                [
                    (name: "enc.q.weight", matrix: TestFiles.ramp(2, 3)),
                    (name: "head.weight", matrix: TestFiles.ramp(2, 3)),
                    (name: "enc.k.weight", matrix: TestFiles.ramp(2, 3)),
                ], to: folder + "/base.safetensors")
            let adapter = folder + "/adapter"
            try TestFiles.write(
                #"{"peft_type":"LORA","r":1,"lora_alpha":2,"modules_to_save":["head"]}"#, adapter, "adapter_config.json"
            )
            try SafetensorsWriter.write(
                [
                    (name: "base_model.model.enc.q.lora_A.weight", matrix: TestFiles.ramp(1, 3)),
                    (name: "base_model.model.enc.q.lora_B.weight", matrix: TestFiles.ramp(2, 1)),
                    (name: "base_model.model.gone.lora_A.weight", matrix: TestFiles.ramp(1, 3)),
                    (name: "base_model.model.gone.lora_B.weight", matrix: TestFiles.ramp(2, 1)),
                    (name: "base_model.model.head.weight", matrix: TestFiles.ramp(2, 3)),
                ],
                to: adapter + "/adapter_model.safetensors")
            let base = try ModelCheckpoint(path: folder + "/base.safetensors")
            let run = try plan(base, .open(path: adapter), selection: MatrixSelection(includeHeads: true))
            #expect(
                lines(run) == [
                    "enc.k.weight ← enc.k.weight (not adapted (unchanged)) unchanged",
                    "enc.q.weight ← enc.q.weight (exact) low-rank enc.q",
                    "head.weight ← base_model.model.head.weight (modules_to_save, exact) replacement by base_model.model.head.weight",
                ])
            #expect(
                exclusions(run) == [
                    "base_model.model.gone.lora_A.weight (adapter): no counterpart in the base checkpoint (LoRA module gone; is this the adapter's base model?)"
                ])
            #expect(run.kind == .lora)

            // A DoRA adapter (PEFT's own): every module is a full-rank merge.
            let doraFolder = Fixtures.peftReference.appending(path: "dora")
            let dora = try plan(
                ModelCheckpoint(path: doraFolder.appending(path: "base").path),
                .open(path: doraFolder.appending(path: "adapter").path))
            let merges = dora.matrices.values.map { Self.update($0.update) }.filter { $0 != "unchanged" }
            #expect(merges.count == 8)
            #expect(merges.allSatisfy { $0.hasPrefix("full-rank merge ") })
        }
    }

    @Test(
        "A modules_to_save tensor of another shape than its base matrix: the base matrix is skipped (shape_mismatch) and not also compared as unchanged"
    )
    func savedModuleShapeMismatch() throws {
        try TestFiles.withFolder { folder in
            try SafetensorsWriter.write(
                [
                    (name: "enc.q.weight", matrix: TestFiles.ramp(2, 3)),
                    (name: "head.weight", matrix: TestFiles.ramp(2, 3)),
                ], to: folder + "/base.safetensors")
            let adapter = folder + "/adapter"
            try TestFiles.write(
                #"{"peft_type":"LORA","r":1,"lora_alpha":2,"modules_to_save":["head"]}"#, adapter, "adapter_config.json"
            )
            try SafetensorsWriter.write(
                [
                    (name: "base_model.model.enc.q.lora_A.weight", matrix: TestFiles.ramp(1, 3)),
                    (name: "base_model.model.enc.q.lora_B.weight", matrix: TestFiles.ramp(2, 1)),
                    (name: "base_model.model.head.weight", matrix: TestFiles.ramp(4, 3)),
                ],
                to: adapter + "/adapter_model.safetensors")
            let run = try plan(
                ModelCheckpoint(path: folder + "/base.safetensors"), .open(path: adapter),
                selection: MatrixSelection(includeHeads: true))
            #expect(run.matrices["head.weight"] == nil)
            #expect(
                run.excluded.contains(
                    Exclusion(
                        name: "head.weight", side: .base,
                        reason: .shapeMismatch(base: [2, 3], tuned: [4, 3], tunedName: "base_model.model.head.weight")))
            )
            #expect(lines(run) == ["enc.q.weight ← enc.q.weight (exact) low-rank enc.q"])
        }
    }

    @Test(
        "Every selected base matrix of a LoRA run is planned; the base tensors the selection leaves out are listed once with their reasons"
    )
    func everySelectedMatrixPlanned() throws {
        try TestFiles.withFolder { folder in
            try SafetensorsWriter.write(
                [
                    (name: "enc.q.weight", matrix: TestFiles.ramp(2, 3)),
                    (name: "enc.k.weight", matrix: TestFiles.ramp(2, 3)),
                    (name: "lm_head.weight", matrix: TestFiles.ramp(2, 3)),
                ], to: folder + "/base.safetensors")
            let adapter = folder + "/adapter"
            try TestFiles.write(#"{"peft_type":"LORA","r":1,"lora_alpha":2}"#, adapter, "adapter_config.json")
            try SafetensorsWriter.write(
                [
                    (name: "base_model.model.lm_head.lora_A.weight", matrix: TestFiles.ramp(1, 3)),
                    (name: "base_model.model.lm_head.lora_B.weight", matrix: TestFiles.ramp(2, 1)),
                    (name: "base_model.model.enc.q.lora_A.weight", matrix: TestFiles.ramp(1, 3)),
                    (name: "base_model.model.enc.q.lora_B.weight", matrix: TestFiles.ramp(2, 1)),
                ],
                to: adapter + "/adapter_model.safetensors")
            let run = try plan(ModelCheckpoint(path: folder + "/base.safetensors"), .open(path: adapter))
            #expect(Set(run.matrices.keys) == ["enc.q.weight", "enc.k.weight"])
            #expect(run.excluded == [Exclusion(name: "lm_head.weight", side: .base, reason: .headNotSelected)])
        }
    }

    @Test(
        "Name matching is one-to-one and exact-first: tuned `x.weight` takes base `x.weight`, tuned `bert.x.weight` then has no counterpart"
    )
    func exactFirst() throws {
        try TestFiles.withFolder { folder in
            try SafetensorsWriter.write(
                [
                    (name: "x.weight", matrix: TestFiles.ramp(2, 2)),
                    (name: "b.y.weight", matrix: TestFiles.ramp(2, 2)),
                    (name: "a.y.weight", matrix: TestFiles.ramp(2, 2)),
                ], to: folder + "/base.safetensors")
            try SafetensorsWriter.write(
                [
                    (name: "bert.x.weight", matrix: TestFiles.ramp(2, 2)),
                    (name: "x.weight", matrix: TestFiles.ramp(2, 2)),
                    (name: "y.weight", matrix: TestFiles.ramp(2, 2)),
                ], to: folder + "/tuned.safetensors")
            let run = try plan(
                ModelCheckpoint(path: folder + "/base.safetensors"), .open(path: folder + "/tuned.safetensors"))
            #expect(
                lines(run) == [
                    #"a.y.weight ← y.weight (added prefix "a.") replacement by y.weight"#,
                    "x.weight ← x.weight (exact) replacement by x.weight",
                ])
            #expect(
                exclusions(run) == [
                    "b.y.weight (base): absent from the fine-tuned checkpoint",
                    "bert.x.weight (tuned): no counterpart in the base checkpoint",
                ])
        }
    }

    @Test(
        "NameRewrite: FROM=TO with $1 renames tuned names before matching, for full fine-tunes and adapter modules, and is recorded in matchedBy"
    )
    func nameRewrite() throws {
        try TestFiles.withFolder { folder in
            try SafetensorsWriter.write(
                [
                    (name: "model.layers.0.q.weight", matrix: TestFiles.ramp(2, 3)),
                    (name: "model.layers.1.q.weight", matrix: TestFiles.ramp(2, 3)),
                ], to: folder + "/base.safetensors")
            try SafetensorsWriter.write(
                [
                    (name: "enc.0.query.weight", matrix: TestFiles.ramp(2, 3, start: 1)),
                    (name: "enc.1.query.weight", matrix: TestFiles.ramp(2, 3, start: 1)),
                ], to: folder + "/tuned.safetensors")
            let base = try ModelCheckpoint(path: folder + "/base.safetensors")
            let tuned = try ModelCheckpoint(path: folder + "/tuned.safetensors")
            let rewrites = [try NameRewrite(#"^enc\.(\d+)\.=model.layers.$1."#), try NameRewrite(#"\.query\.=.q."#)]
            #expect(rewrites[0].apply("enc.12.query.weight") == "model.layers.12.query.weight")
            let run = try plan(base, .full(tuned), rewrites: rewrites)
            #expect(run.matrices.keys.sorted() == ["model.layers.0.q.weight", "model.layers.1.q.weight"])
            #expect(run.matrices["model.layers.0.q.weight"]?.tunedName == "enc.0.query.weight")
            #expect(
                run.matrices["model.layers.0.q.weight"]?.matchedBy
                    == .name(.exact, rewrites: [#"^enc\.(\d+)\.=model.layers.$1."#, #"\.query\.=.q."#]))
            #expect(
                run.matrices["model.layers.0.q.weight"]?.matchedBy.description
                    == #"rewritten by "^enc\.(\d+)\.=model.layers.$1.", rewritten by "\.query\.=.q.", exact"#)
            // Without rewrites nothing matches.
            #expect(throws: AnalysisError.self) { try plan(base, .full(tuned)) }

            let adapterFolder = folder + "/adapter"
            try TestFiles.write(#"{"peft_type":"LORA","r":2,"lora_alpha":2}"#, adapterFolder, "adapter_config.json")
            try SafetensorsWriter.write(
                [
                    (name: "base_model.model.enc.1.query.lora_A.weight", matrix: TestFiles.ramp(2, 3)),
                    (name: "base_model.model.enc.1.query.lora_B.weight", matrix: TestFiles.ramp(2, 2)),
                ],
                to: adapterFolder + "/adapter_model.safetensors")
            let adapterRun = try plan(base, .open(path: adapterFolder), rewrites: rewrites)
            #expect(
                Self.update(try #require(adapterRun.matrices["model.layers.1.q.weight"]).update)
                    == "low-rank enc.1.query")
            #expect(
                adapterRun.matrices["model.layers.1.q.weight"]?.matchedBy.description.hasPrefix("rewritten by") == true)

            #expect(throws: AnalysisError.self) { try NameRewrite("no equals sign") }
            #expect(throws: AnalysisError.self) { try NameRewrite("(unclosed=x") }
        }
    }

    @Test("Mixed F16/BF16/F32 shards on both sides pair by name (bare fine-tune names take the base's model. prefix)")
    func mixedDTypes() throws {
        try TestFiles.withFolder { folder in
            try TestFiles.writeMixedDTypeShards(folder)
            let run = try plan(ModelCheckpoint(path: folder + "/base"), .open(path: folder + "/tuned"))
            #expect(
                run.matrices.values.map(\.matchedBy) == [.name(.addedPrefix("model.")), .name(.addedPrefix("model."))])
        }
    }

    // MARK: orientation

    @Test(
        "Orientation: GPT-2 model_type → in_out for c_attn/c_proj/c_fc; wte/wpe → embedding; explicit overrides win; LLaMA heads and projections out_in"
    )
    func orientation() throws {
        try TestFiles.withFolder { folder in
            let gpt2 = try ModelCheckpoint(
                path: Fixtures.peftReference.appending(path: "gpt2_fan_in_fan_out/base").path)
            #expect(gpt2.modelType == "gpt2")
            // A re-saved copy of the base as the fine-tune (the base itself is refused as a run):
            // orientation follows the base's names and model_type.
            try TestFiles.resavedCopy(of: gpt2.files[0].path, to: folder + "/gpt2.safetensors")
            let gpt2Copy = try FineTuneCheckpoint.open(path: folder + "/gpt2.safetensors")
            let selection = try MatrixSelection(includeEmbeddings: true, includeHeads: true)
            let run = try plan(gpt2, gpt2Copy, selection: selection)
            #expect(run.matrices["transformer.h.0.attn.c_attn.weight"]?.orientation == .inOut)
            #expect(run.matrices["transformer.h.1.mlp.c_proj.weight"]?.orientation == .inOut)
            #expect(run.matrices["transformer.wte.weight"]?.orientation == .embedding)
            #expect(run.matrices["transformer.wpe.weight"]?.orientation == .embedding)

            let overridden = try plan(
                gpt2, gpt2Copy, selection: selection, overrides: [try OrientationOverride(#"mlp\.c_fc=out-in"#)])
            #expect(overridden.matrices["transformer.h.0.mlp.c_fc.weight"]?.orientation == .outIn)
            #expect(overridden.matrices["transformer.h.0.attn.c_attn.weight"]?.orientation == .inOut)
            let parts = try plan(
                gpt2, gpt2Copy, selection: selection,
                overrides: [try OrientationOverride(pattern: "wpe", orientation: .outIn)])
            #expect(parts.matrices["transformer.wpe.weight"]?.orientation == .outIn)

            let llama = try ModelCheckpoint(path: Fixtures.peftReference.appending(path: "lora/base").path)
            #expect(llama.modelType == "llama")
            try TestFiles.resavedCopy(of: llama.files[0].path, to: folder + "/llama.safetensors")
            let llamaRun = try plan(llama, .open(path: folder + "/llama.safetensors"), selection: selection)
            #expect(llamaRun.matrices["model.layers.0.self_attn.q_proj.weight"]?.orientation == .outIn)
            #expect(llamaRun.matrices["model.embed_tokens.weight"]?.orientation == .embedding)
            #expect(llamaRun.matrices["lm_head.weight"]?.orientation == .outIn)
            // Without a Conv1D model_type, c_attn is a Linear (e.g. gpt_bigcode); GPT-NeoX's embed_out is a Linear head.
            #expect(
                OrientationRule.inferred(TensorName("transformer.h.0.attn.c_attn.weight"), modelType: "gpt_bigcode")
                    == .outIn)
            #expect(OrientationRule.inferred(TensorName("gpt_neox.embed_out.weight"), modelType: nil) == .outIn)
            #expect(OrientationRule.inferred(TensorName("gpt_neox.embed_in.weight"), modelType: nil) == .embedding)

            #expect(throws: AnalysisError.self) { try OrientationOverride("c_fc=sideways") }
            #expect(throws: AnalysisError.self) { try OrientationOverride("no-equals") }
            #expect(throws: AnalysisError.self) { try OrientationOverride("(=in-out") }
        }
    }

    @Test(
        "LoRA modules take their layer's orientation: fan_in_fan_out → in_out, embedding LoRA → embedding, else out_in",
        arguments: [("gpt2_fan_in_fan_out", MatrixOrientation.inOut), ("embedding", .embedding), ("lora", .outIn)])
    func loraOrientation(variant: String, expected: MatrixOrientation) throws {
        let folder = Fixtures.peftReference.appending(path: variant)
        let run = try plan(
            ModelCheckpoint(path: folder.appending(path: "base").path),
            .open(path: folder.appending(path: "adapter").path),
            selection: MatrixSelection(includeEmbeddings: true, includeHeads: true))
        let adapted = run.matrices.values.filter {
            if case .unchanged = $0.update { return false }
            return true
        }
        #expect(!adapted.isEmpty)
        #expect(adapted.contains { $0.orientation == expected })
        if expected != .embedding { #expect(adapted.allSatisfy { $0.orientation == expected }) }
    }

    @Test("Fused projections get a note: q|k|v (c_attn, qkv_proj, query_key_value) and gate|up (gate_up_proj)")
    func fusedNotes() {
        #expect(
            FusedProjection.note(for: TensorName("model.layers.0.mlp.gate_up_proj.weight"))
                == "fused gate|up projection analysed as one matrix")
        #expect(
            FusedProjection.note(for: TensorName("model.layers.0.self_attn.qkv_proj.weight"))
                == "fused q|k|v projection analysed as one matrix")
        #expect(
            FusedProjection.note(for: TensorName("gpt_neox.layers.0.attention.query_key_value.weight"))
                == "fused q|k|v projection analysed as one matrix")
        #expect(
            FusedProjection.note(for: TensorName("transformer.h.0.attn.c_attn.weight"))
                == "fused q|k|v projection analysed as one matrix")
        #expect(FusedProjection.note(for: TensorName("transformer.h.1.mlp.c_proj.weight")) == nil)
    }

    // MARK: real fixtures

    @Test(
        "Fixture base vs full, include encoder\\.layer: 36 replacements, each tuned `bert.` name matched by removed prefix \"bert.\"; classifier.weight tuned-only",
        Fixtures.enabled)
    func fullFixture() throws {
        try Fixtures.require()
        let run = try plan(
            ModelCheckpoint(path: Fixtures.minilm("base")), .open(path: Fixtures.minilm("full")),
            selection: MatrixSelection(include: [#"encoder\.layer"#]))
        #expect(run.matrices.count == 36)
        #expect(
            run.matrices.allSatisfy {
                $0.value.matchedBy == .name(.removedPrefix("bert.")) && $0.value.tunedName == "bert." + $0.key
            })
        #expect(run.matrices.allSatisfy { Self.update($0.value.update) == "replacement by bert." + $0.key })
        #expect(run.excluded.contains(Exclusion(name: "classifier.weight", side: .tuned, reason: .noBaseCounterpart)))
        #expect(run.excluded.contains(Exclusion(name: "pooler.dense.weight", side: .base, reason: .notIncluded)))
        #expect(
            run.excluded.map { [$0.name, $0.side.rawValue] }
                == run.excluded.map { [$0.name, $0.side.rawValue] }.sorted { $0.lexicographicallyPrecedes($1) })
    }

    @Test(
        "Fixture base vs full, default selection: the 36 encoder-block matrices; the pooler (outside the blocks), embeddings, 1-D tensors and position_ids excluded with reasons; with the heads selected the pooler pairs too",
        Fixtures.enabled)
    func fullFixtureDefault() throws {
        try Fixtures.require()
        let run = try plan(ModelCheckpoint(path: Fixtures.minilm("base")), .open(path: Fixtures.minilm("full")))
        #expect(run.matrices.count == 36)
        #expect(run.matrices.keys.allSatisfy { $0.hasPrefix("encoder.layer.") })
        let withHeads = try plan(
            ModelCheckpoint(path: Fixtures.minilm("base")), .open(path: Fixtures.minilm("full")),
            selection: MatrixSelection(includeHeads: true))
        #expect(withHeads.matrices.count == 37)
        #expect(withHeads.matrices["pooler.dense.weight"]?.tunedName == "bert.pooler.dense.weight")
        let reasons = Dictionary(
            run.excluded.filter { $0.side == .base }.map { ($0.name, $0.reason) }, uniquingKeysWith: { a, _ in a })
        #expect(reasons["pooler.dense.weight"] == .outsideBlocks)
        #expect(reasons["embeddings.position_embeddings.weight"] == .embeddingNotSelected)
        #expect(reasons["embeddings.token_type_embeddings.weight"] == .embeddingNotSelected)
        #expect(reasons["embeddings.position_ids"] == .unsupportedDtype(.I64))
        #expect(reasons["encoder.layer.0.attention.self.query.bias"] == .notAMatrix(shape: [384]))
        #expect(run.excluded.filter { $0.side == .tuned }.map(\.name) == ["classifier.bias", "classifier.weight"])
    }

    @Test(
        "Fixture base vs each LoRA adapter, include encoder\\.layer: 36 low-rank matrices; classifier excluded (adapter); pooler excluded by the include filter",
        Fixtures.enabled, arguments: [("lora-r1-a2", 1, 2.0), ("lora-r8-a16", 8, 2.0), ("lora-r64-a128", 64, 2.0)])
    func loraFixture(run name: String, rank: Int, scale: Double) throws {
        try Fixtures.require()
        let run = try plan(
            ModelCheckpoint(path: Fixtures.minilm("base")), .open(path: Fixtures.minilm(name)),
            selection: MatrixSelection(include: [#"encoder\.layer"#]))
        #expect(run.matrices.count == 36)
        for (baseName, matrix) in run.matrices {
            guard case .lowRank(_, let module) = matrix.update else {
                Issue.record("\(baseName) is not low-rank")
                continue
            }
            #expect(module.rank == rank)
            #expect(module.scale == scale)
            #expect(matrix.tunedName == module.module + ".weight")
            #expect(matrix.matchedBy == .name(.removedPrefix("bert.")))
        }
        #expect(
            run.excluded.contains(
                Exclusion(name: "base_model.model.classifier.weight", side: .adapter, reason: .savedModuleWithoutBase)))
        #expect(run.excluded.contains { $0.name == "base_model.model.classifier.bias" && $0.side == .adapter })
        #expect(run.excluded.contains(Exclusion(name: "pooler.dense.weight", side: .base, reason: .notIncluded)))
    }

    @Test(
        "Fixture base vs LoRA, default selection: the pooler LoRA is left out as outside the blocks; with the heads it is a 37th low-rank matrix",
        Fixtures.enabled)
    func loraFixtureDefault() throws {
        try Fixtures.require()
        let run = try plan(ModelCheckpoint(path: Fixtures.minilm("base")), .open(path: Fixtures.minilm("lora-r8-a16")))
        #expect(run.matrices.count == 36)
        #expect(run.excluded.contains(Exclusion(name: "pooler.dense.weight", side: .base, reason: .outsideBlocks)))
        let withHeads = try plan(
            ModelCheckpoint(path: Fixtures.minilm("base")), .open(path: Fixtures.minilm("lora-r8-a16")),
            selection: MatrixSelection(includeHeads: true))
        #expect(withHeads.matrices.count == 37)
        #expect(
            withHeads.matrices["pooler.dense.weight"].map { Self.update($0.update) } == "low-rank bert.pooler.dense")
        #expect(run.excluded.filter { $0.side == .adapter }.count == 2)
    }
}
