import Foundation
import SpeclensDataset
import SpeclensTestSupport
import Testing

@Suite("Experiments from a manifest, through the command line", .serialized, Fixtures.enabled)
struct ManifestCommandTests {
    static let manifest = """
        base: base
        runs:
          - path: full
            label: Full fine-tune
            tags: {method: full, task: news}
            metrics: {accuracy: 0.91}
          - path: lora-r1-a2
            label: LoRA r=1 (α = 2r)
            tags: {method: lora, family: alpha-2r}
          - path: lora-r8-a16
            label: LoRA r=8 (α = 2r), B only
            tags: {method: lora, family: alpha-2r, trained: B-only}
            color: "#8c564b"
          - stack: [lora-r8-a16, lora-r1-a2]
            label: r8 then r1
        """

    /// Writes the manifest beside links to the MiniLM fixtures and analyses it.
    static func analyse(extra: [String] = []) throws -> (URL, SpectralDataset, CommandRunner.Outcome) {
        let folder = try CommandRunner.scratch()
        for name in ["base", "full", "lora-r1-a2", "lora-r8-a16"] {
            try FileManager.default.createSymbolicLink(
                atPath: folder.appending(path: name).path, withDestinationPath: Fixtures.minilm(name))
        }
        try Data(manifest.utf8).write(to: folder.appending(path: "experiment.yaml"))
        let outcome = try CommandRunner.run(
            [
                "analyze", "--manifest", "experiment.yaml", "--include", #"encoder\.layer\.[01]\."#, "--no-controls",
                "-o", "d.json",
            ] + extra,
            in: folder)
        let dataset = try DatasetCoding.read(from: folder.appending(path: "d.json").path)
        return (folder, dataset, outcome)
    }

    @Test(
        "Runs keep manifest order with labels verbatim, tags (rank and α filled from the adapter), supplied metrics and colours; a two-step stack becomes two step runs"
    )
    func experiment() throws {
        let (folder, dataset, outcome) = try Self.analyse()
        defer { try? FileManager.default.removeItem(at: folder) }
        #expect(outcome.status == 0, "\(outcome.standardError)")
        #expect(
            dataset.runs.map(\.id.rawValue) == [
                "full", "lora-r1-a2", "lora-r8-a16", "r8-then-r1-step1", "r8-then-r1-step2",
            ])
        #expect(
            dataset.runs.map(\.displayLabel) == [
                "Full fine-tune", "LoRA r=1 (α = 2r)", "LoRA r=8 (α = 2r), B only", "r8 then r1 · step 1",
                "r8 then r1 · step 2",
            ])
        #expect(dataset.runs[0].metrics == ["accuracy": 0.91])
        #expect(dataset.runs[0].lora == nil)
        #expect(dataset.runs[2].tags?["rank"] == .number(8))
        #expect(dataset.runs[2].tags?["alpha"] == .number(16))
        #expect(dataset.runs[2].tags?["trained"] == .text("B-only"))
        #expect(dataset.runs[2].color?.rawValue == "#8c564b")
        #expect(dataset.runs[3].stack?.count == 1)
        #expect(dataset.runs[4].stack?.count == 2)
        #expect(dataset.runs[4].tags?["step"] == .number(2))
        let json = try String(contentsOf: folder.appending(path: "d.json"), encoding: .utf8)
        #expect(json.contains(#""lora":null"#))
    }

    @Test(
        "Stack step 1 is the first adapter alone; step 2 adds the second: an exact low-rank sum of rank at most 8 + 1")
    func stackSteps() throws {
        let (folder, dataset, _) = try Self.analyse()
        defer { try? FileManager.default.removeItem(at: folder) }
        let r8 = dataset.runs[2]
        let step1 = dataset.runs[3]
        let step2 = dataset.runs[4]
        #expect(step1.matrices.map(\.maxCosineTopK) == r8.matrices.map(\.maxCosineTopK))
        #expect(step1.matrices.map(\.effectiveRank) == r8.matrices.map(\.effectiveRank))
        #expect(step2.matrices.allSatisfy { $0.numericalRank <= 9 && $0.numericalRank >= 8 })
        #expect(step2.matrices.allSatisfy { $0.tunedDtype == nil })  // exact, from the factors
        #expect(step2.matrices.first?.tunedName.contains(" + ") == true)
    }

    @Test(
        "Stack step 2 against step 1 measures the second adapter alone: its effective rank, numerical rank and ‖ΔW‖_F are those of the r=1 adapter's run against the base; step 1 has no previous step"
    )
    func stackAgainstPreviousStep() throws {
        let (folder, dataset, _) = try Self.analyse()
        defer { try? FileManager.default.removeItem(at: folder) }
        let r1 = dataset.runs[1]
        let step1 = dataset.runs[3]
        let step2 = dataset.runs[4]
        #expect(step1.againstPreviousStep == nil)
        let previous = try #require(step2.againstPreviousStep)
        #expect(previous.previous == step1.id)
        #expect(previous.matrices.map(\.name) == step2.matrices.map(\.name))
        #expect(previous.matrices.map(\.name) == r1.matrices.map(\.name))
        for (against, alone) in zip(previous.matrices, r1.matrices) {
            #expect(against.numericalRank == alone.numericalRank, "\(against.name)")
            #expect(abs((against.effectiveRank ?? 0) - (alone.effectiveRank ?? 0)) < 1e-9, "\(against.name)")
            #expect(
                abs(against.frobeniusDelta - alone.frobeniusDelta) <= 1e-6 * alone.frobeniusDelta, "\(against.name)")
        }
        #expect(previous.summary.analysedMatrices == step2.summary.analysedMatrices)
    }

    @Test(
        "Split into shards and merged in any order, a manifest with a stack gives the unsplit dataset byte for byte, the comparisons with the previous step included"
    )
    func stackShardsMerge() throws {
        let (folder, dataset, _) = try Self.analyse()
        defer { try? FileManager.default.removeItem(at: folder) }
        #expect(dataset.runs[4].againstPreviousStep?.matrices.count == dataset.runs[4].matrices.count)
        let arguments = [
            "analyze", "--manifest", "experiment.yaml", "--include", #"encoder\.layer\.[01]\."#, "--no-controls",
        ]
        for index in 0..<2 {
            let outcome = try CommandRunner.run(
                arguments + ["--shard", "\(index)/2", "-o", "part-\(index).json"], in: folder)
            try #require(outcome.status == 0, "\(outcome.standardError)")
        }
        let part = try DatasetCoding.read(from: folder.appending(path: "part-1.json").path)
        #expect(part.runs[4].againstPreviousStep?.matrices.count == part.runs[4].matrices.count)
        let merged = try CommandRunner.run(["merge", "part-1.json", "part-0.json", "-o", "merged.json"], in: folder)
        #expect(merged.status == 0, "\(merged.standardError)")
        #expect(
            try Data(contentsOf: folder.appending(path: "merged.json"))
                == Data(contentsOf: folder.appending(path: "d.json")))
    }

    @Test(
        "A manifest's options apply as if given on the command line, which overrides them; an option the command does not have is an error naming the file and line"
    )
    func manifestOptions() throws {
        try Fixtures.require()
        let folder = try CommandRunner.scratch()
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.createSymbolicLink(
            atPath: folder.appending(path: "base").path, withDestinationPath: Fixtures.minilm("base"))
        try FileManager.default.createSymbolicLink(
            atPath: folder.appending(path: "lora").path, withDestinationPath: Fixtures.minilm("lora-r8-a16"))
        let text = """
            base: base
            options:
              include_heads: true
              top_k: 8
              no_controls: true
              include: ['layer\\.0\\.', pooler]
            runs:
              - path: lora
            """
        try Data(text.utf8).write(to: folder.appending(path: "e.yaml"))
        let plain = try CommandRunner.run(["analyze", "--manifest", "e.yaml", "-o", "a.json"], in: folder)
        #expect(plain.status == 0, "\(plain.standardError)")
        let a = try DatasetCoding.read(from: folder.appending(path: "a.json").path)
        #expect(a.parameters.topK == 8 && a.parameters.includeHeads && !a.parameters.nullControls)
        #expect(a.base.matrices.map(\.name).contains("pooler.dense.weight") && a.base.matrices.count == 7)
        let overridden = try CommandRunner.run(
            ["analyze", "--manifest", "e.yaml", "-o", "b.json", "--top-k", "5", "--include", #"layer\.1\."#], in: folder
        )
        #expect(overridden.status == 0, "\(overridden.standardError)")
        let b = try DatasetCoding.read(from: folder.appending(path: "b.json").path)
        #expect(b.parameters.topK == 5 && b.parameters.include == [#"layer\.1\."#] && b.parameters.includeHeads)
        try Data(text.replacingOccurrences(of: "top_k", with: "top_kk").utf8).write(
            to: folder.appending(path: "bad.yaml"))
        let bad = try CommandRunner.run(["analyze", "--manifest", "bad.yaml", "-o", "c.json"], in: folder)
        #expect(bad.status == 1)
        #expect(bad.standardError.contains("bad.yaml, line 4: `options` names `top_kk`"), "\(bad.standardError)")
    }

    @Test(
        "A manifest error names the file and the line, exits 1 and writes nothing; --manifest with positional checkpoints is refused"
    )
    func errors() throws {
        let folder = try CommandRunner.scratch()
        defer { try? FileManager.default.removeItem(at: folder) }
        try Data("base: base\nruns:\n  - path: full\n    colour: red\n".utf8).write(
            to: folder.appending(path: "bad.yaml"))
        let outcome = try CommandRunner.run(["analyze", "--manifest", "bad.yaml", "-o", "d.json"], in: folder)
        #expect(outcome.status == 1)
        #expect(outcome.standardError.contains("bad.yaml, line 4: invalid experiment manifest: unknown key `colour`"))
        #expect(!FileManager.default.fileExists(atPath: folder.appending(path: "d.json").path))
        let both = try CommandRunner.run(["analyze", "base", "full", "--manifest", "bad.yaml"], in: folder)
        #expect(both.status != 0)
        #expect(both.standardError.contains("either --manifest or BASE"))
    }
}
