import Foundation
import Testing
@testable import SpeclensCheckpoints

@Suite("Pairing base and fine-tuned matrices")
struct MatrixPairingTests {
    // MARK: synthetic checkpoints

    @Test("Full fine-tune: exact names pair as exact; a tuned name lacking the base's prefix pairs as added prefix")
    func addedPrefix() throws {
        try TestFiles.withFolder { folder in
            try SafetensorsWriter.write([(name: "model.l.0.q.weight", matrix: TestFiles.ramp(2, 2)),
                                         (name: "same.weight", matrix: TestFiles.ramp(2, 2))], to: folder + "/base.safetensors")
            try SafetensorsWriter.write([(name: "l.0.q.weight", matrix: TestFiles.ramp(2, 2)),
                                         (name: "same.weight", matrix: TestFiles.ramp(2, 2))], to: folder + "/tuned.safetensors")
            let plan = try MatrixPairing.plan(base: ModelCheckpoint(path: folder + "/base.safetensors"),
                                              tuned: .open(path: folder + "/tuned.safetensors"), selection: MatrixSelection())
            #expect(plan.pairs == [
                MatrixPair(baseName: "model.l.0.q.weight", tunedName: "l.0.q.weight", matchedBy: #"added prefix "model.""#,
                           shape: [2, 2], source: .replacement(tensor: "l.0.q.weight")),
                MatrixPair(baseName: "same.weight", tunedName: "same.weight", matchedBy: "exact",
                           shape: [2, 2], source: .replacement(tensor: "same.weight")),
            ])
            #expect(plan.excluded.isEmpty)
        }
    }

    @Test("Full fine-tune: a shape mismatch excludes the base matrix with both shapes; a missing one is 'absent from the fine-tuned checkpoint'")
    func mismatchAndAbsent() throws {
        try TestFiles.withFolder { folder in
            try SafetensorsWriter.write([(name: "a.weight", matrix: TestFiles.ramp(2, 2)),
                                         (name: "b.weight", matrix: TestFiles.ramp(2, 2))], to: folder + "/base.safetensors")
            try SafetensorsWriter.write([(name: "a.weight", matrix: TestFiles.ramp(2, 3))], to: folder + "/tuned.safetensors")
            let plan = try MatrixPairing.plan(base: ModelCheckpoint(path: folder + "/base.safetensors"),
                                              tuned: .open(path: folder + "/tuned.safetensors"), selection: MatrixSelection())
            #expect(plan.pairs.isEmpty)
            #expect(plan.excluded == [
                TensorExclusion(name: "a.weight", source: "base", reason: "shape [2, 2] in the base but [2, 3] in the fine-tuned checkpoint (a.weight)"),
                TensorExclusion(name: "b.weight", source: "base", reason: "absent from the fine-tuned checkpoint"),
            ])
        }
    }

    @Test("LoRA: a module whose factors disagree with the base weight's shape throws adapterShapeMismatch (wrong base)")
    func loraShapeMismatch() throws {
        try TestFiles.withFolder { folder in
            try SafetensorsWriter.write([(name: "enc.q.weight", matrix: TestFiles.ramp(3, 3))], to: folder + "/base.safetensors")
            let adapter = folder + "/adapter"
            try TestFiles.write(#"{"peft_type":"LORA","r":1,"lora_alpha":1}"#, adapter, "adapter_config.json")
            try SafetensorsWriter.write([(name: "base_model.model.enc.q.lora_A.weight", matrix: TestFiles.ramp(1, 3)),
                                         (name: "base_model.model.enc.q.lora_B.weight", matrix: TestFiles.ramp(2, 1))],
                                        to: adapter + "/adapter_model.safetensors")
            let error = #expect(throws: CheckpointError.self) {
                try MatrixPairing.plan(base: ModelCheckpoint(path: folder + "/base.safetensors"),
                                       tuned: .open(path: adapter), selection: MatrixSelection())
            }
            #expect(error?.caseName == "adapterShapeMismatch")
            #expect(error?.description.contains("enc.q") == true)
        }
    }

    @Test("Name matching is one-to-one and exact-first: tuned `x.weight` takes base `x.weight`, tuned `bert.x.weight` then has no counterpart")
    func exactFirst() {
        let matcher = NameMatcher(tuned: ["bert.x.weight", "x.weight", "y.weight"],
                                  base: ["x.weight", "b.y.weight", "a.y.weight"])
        #expect(matcher.matches == [
            "x.weight": NameMatch(baseName: "x.weight", how: "exact"),
            "y.weight": NameMatch(baseName: "a.y.weight", how: #"added prefix "a.""#),
        ])
    }

    @Test("LoRA: a modules_to_save tensor with a base counterpart is a replacement pair; a module without a base tensor is excluded (adapter)")
    func loraSavedAndOrphan() throws {
        try TestFiles.withFolder { folder in
            try SafetensorsWriter.write([(name: "enc.q.weight", matrix: TestFiles.ramp(2, 3)),
                                         (name: "head.weight", matrix: TestFiles.ramp(2, 3)),
                                         (name: "enc.k.weight", matrix: TestFiles.ramp(2, 3))], to: folder + "/base.safetensors")
            let adapter = folder + "/adapter"
            try TestFiles.write(#"{"peft_type":"LORA","r":1,"lora_alpha":2,"modules_to_save":["head"]}"#, adapter, "adapter_config.json")
            try SafetensorsWriter.write([(name: "base_model.model.enc.q.lora_A.weight", matrix: TestFiles.ramp(1, 3)),
                                         (name: "base_model.model.enc.q.lora_B.weight", matrix: TestFiles.ramp(2, 1)),
                                         (name: "base_model.model.gone.lora_A.weight", matrix: TestFiles.ramp(1, 3)),
                                         (name: "base_model.model.gone.lora_B.weight", matrix: TestFiles.ramp(2, 1)),
                                         (name: "base_model.model.head.weight", matrix: TestFiles.ramp(2, 3))],
                                        to: adapter + "/adapter_model.safetensors")
            let plan = try MatrixPairing.plan(base: ModelCheckpoint(path: folder + "/base.safetensors"),
                                              tuned: .open(path: adapter), selection: MatrixSelection(includeHeads: true))
            let tuned = try LoRAAdapter(path: adapter)
            #expect(plan.pairs == [
                MatrixPair(baseName: "enc.q.weight", tunedName: "enc.q.weight", matchedBy: "exact", shape: [2, 3],
                           source: .lowRank(tuned.modules[0])),
                MatrixPair(baseName: "head.weight", tunedName: "base_model.model.head.weight", matchedBy: "modules_to_save, exact",
                           shape: [2, 3], source: .replacement(tensor: "base_model.model.head.weight")),
            ])
            #expect(plan.excluded.map(\.name) == ["base_model.model.gone.lora_A.weight"])
            #expect(plan.excluded.first?.source == "adapter")
        }
    }

    // MARK: real fixtures

    @Test("Fixture base vs full, include encoder\\.layer: 36 pairs, each tuned `bert.` name matched by removed prefix \"bert.\"; classifier.weight tuned-only",
          .enabled(if: Fixtures.shouldRun, Fixtures.skipMessage))
    func fullFixture() throws {
        guard Fixtures.require() else { return }
        let base = try ModelCheckpoint(path: Fixtures.minilm("base"))
        let plan = try MatrixPairing.plan(base: base, tuned: .open(path: Fixtures.minilm("full")),
                                          selection: MatrixSelection(include: [#"encoder\.layer"#]))
        #expect(plan.pairs.count == 36)
        #expect(plan.pairs.allSatisfy { $0.matchedBy == #"removed prefix "bert.""# && $0.tunedName == "bert." + $0.baseName })
        #expect(plan.pairs.allSatisfy { $0.source == .replacement(tensor: $0.tunedName) })
        #expect(plan.pairs.map(\.baseName) == plan.pairs.map(\.baseName).sorted())
        #expect(plan.pairs.first { $0.baseName == "encoder.layer.2.intermediate.dense.weight" }?.shape == [1536, 384])
        #expect(plan.excluded.contains(TensorExclusion(name: "classifier.weight", source: "tuned", reason: "no counterpart in the base checkpoint")))
        #expect(plan.excluded.contains(TensorExclusion(name: "pooler.dense.weight", source: "base", reason: "not matched by any --include pattern")))
        #expect(plan.excluded == plan.excluded.sorted { ($0.source, $0.name) < ($1.source, $1.name) })
    }

    @Test("Fixture base vs full, default selection: pooler.dense paired too; embeddings, 1-D tensors and position_ids excluded with reasons",
          .enabled(if: Fixtures.shouldRun, Fixtures.skipMessage))
    func fullFixtureDefault() throws {
        guard Fixtures.require() else { return }
        let plan = try MatrixPairing.plan(base: ModelCheckpoint(path: Fixtures.minilm("base")),
                                          tuned: .open(path: Fixtures.minilm("full")), selection: MatrixSelection())
        #expect(plan.pairs.count == 37)
        #expect(plan.pairs.contains { $0.baseName == "pooler.dense.weight" && $0.tunedName == "bert.pooler.dense.weight" })
        let reasons = Dictionary(plan.excluded.filter { $0.source == "base" }.map { ($0.name, $0.reason) }, uniquingKeysWith: { a, _ in a })
        #expect(reasons["embeddings.position_embeddings.weight"] == "embedding table; pass --include-embeddings")
        #expect(reasons["embeddings.token_type_embeddings.weight"] == "embedding table; pass --include-embeddings")
        #expect(reasons["embeddings.position_ids"] == "not a floating-point weight matrix (dtype I64)")
        #expect(reasons["encoder.layer.0.attention.self.query.bias"] == "not a matrix (shape [384])")
        #expect(plan.excluded.filter { $0.source == "tuned" }.map(\.name) == ["classifier.bias", "classifier.weight"])
    }

    @Test("Fixture base vs each LoRA adapter, include encoder\\.layer: 36 low-rank pairs; classifier excluded (adapter); pooler excluded by the include filter",
          .enabled(if: Fixtures.shouldRun, Fixtures.skipMessage),
          arguments: [("lora-r1-a2", 1, 2.0), ("lora-r8-a16", 8, 2.0), ("lora-r64-a128", 64, 2.0)])
    func loraFixture(run: String, rank: Int, scale: Double) throws {
        guard Fixtures.require() else { return }
        let base = try ModelCheckpoint(path: Fixtures.minilm("base"))
        let plan = try MatrixPairing.plan(base: base, tuned: .open(path: Fixtures.minilm(run)),
                                          selection: MatrixSelection(include: [#"encoder\.layer"#]))
        #expect(plan.pairs.count == 36)
        for pair in plan.pairs {
            guard case .lowRank(let module) = pair.source else {
                Issue.record("\(pair.baseName) is not low-rank")
                continue
            }
            #expect(module.rank == rank)
            #expect(module.scale == scale)
            #expect(pair.tunedName == module.module + ".weight")
            #expect(pair.matchedBy == #"removed prefix "bert.""#)
            #expect(pair.shape == [module.outFeatures, module.inFeatures])
        }
        #expect(plan.excluded.contains(TensorExclusion(
            name: "base_model.model.classifier.weight", source: "adapter",
            reason: "no counterpart in the base checkpoint (modules_to_save head)")))
        #expect(plan.excluded.contains { $0.name == "base_model.model.classifier.bias" && $0.source == "adapter" })
        #expect(plan.excluded.contains(TensorExclusion(name: "pooler.dense.weight", source: "base", reason: "not matched by any --include pattern")))
        #expect(plan.excluded.count == 3)
    }

    @Test("Fixture base vs LoRA, default selection: the pooler LoRA is a 37th pair",
          .enabled(if: Fixtures.shouldRun, Fixtures.skipMessage))
    func loraFixtureDefault() throws {
        guard Fixtures.require() else { return }
        let plan = try MatrixPairing.plan(base: ModelCheckpoint(path: Fixtures.minilm("base")),
                                          tuned: .open(path: Fixtures.minilm("lora-r8-a16")), selection: MatrixSelection())
        #expect(plan.pairs.count == 37)
        #expect(plan.pairs.contains { $0.baseName == "pooler.dense.weight" })
        #expect(plan.excluded.map(\.source) == ["adapter", "adapter"])
    }
}
