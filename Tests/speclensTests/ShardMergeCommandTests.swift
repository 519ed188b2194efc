import Foundation
import SpeclensCheckpoints
import SpeclensDataset
import SpeclensTestSupport
import Testing

@Suite("speclens merge refuses parts that do not make one analysis, naming the files and the field", .serialized)
struct ShardMergeCommandTests {
    /// A base and a fine-tune of 6 small matrices in a fresh folder, returned with their paths.
    private func checkpoints() throws -> (folder: URL, base: String, tuned: String, other: String) {
        let folder = try CommandRunner.scratch()
        let paths = try LayeredCheckpoints(layers: 3, modules: ["q", "v"]).write(
            into: folder.path,
            base: { layer, module in
                Matrix(
                    rows: 12, columns: 10,
                    values: (0..<(12 * 10)).map { Float((($0 + 5 * layer) * 7919 + module.count) % 97) / 97 - 0.5 })
            },
            variants: [
                (
                    "tuned.safetensors",
                    { w0, layer, _ in
                        var wt = w0
                        wt[layer, 1] += 0.25
                        return wt
                    }
                ),
                (
                    "other.safetensors",
                    { w0, layer, _ in
                        var other = w0
                        other[layer, 3] -= 0.5
                        return other
                    }
                ),
            ])
        return (folder, paths[0], paths[1], paths[2])
    }

    /// Runs `analyze --shard` for each index of `count`, writing `prefix-I.json`.
    private func split(_ arguments: [String], count: Int, prefix: String, in folder: URL) throws {
        for index in 0..<count {
            let outcome = try CommandRunner.run(
                ["analyze"] + arguments + ["--shard", "\(index)/\(count)", "-o", "\(prefix)-\(index).json"], in: folder)
            try #require(outcome.status == 0, "\(outcome.standardError)")
        }
    }

    @Test(
        "--shard auto in a Slurm array task and --shard auto/3 in an Indexed Job pod write the same shard as --shard 1/3"
    )
    func automaticShards() throws {
        let (folder, base, tuned, _) = try checkpoints()
        defer { try? FileManager.default.removeItem(at: folder) }
        try split([base, tuned], count: 3, prefix: "fixed", in: folder)
        let slurm = try CommandRunner.run(
            ["analyze", base, tuned, "--shard", "auto", "-o", "slurm.json"], in: folder,
            environment: [
                "SLURM_ARRAY_TASK_ID": "8", "SLURM_ARRAY_TASK_MIN": "7", "SLURM_ARRAY_TASK_MAX": "9",
                "SLURM_ARRAY_TASK_COUNT": "3", "SLURM_ARRAY_TASK_STEP": "1",
            ])
        #expect(slurm.status == 0, "\(slurm.standardError)")
        let indexed = try CommandRunner.run(
            ["analyze", base, tuned, "--shard", "auto/3", "-o", "indexed.json"], in: folder,
            environment: ["JOB_COMPLETION_INDEX": "1"])
        #expect(indexed.status == 0, "\(indexed.standardError)")
        let fixed = try Data(contentsOf: folder.appending(path: "fixed-1.json"))
        #expect(try Data(contentsOf: folder.appending(path: "slurm.json")) == fixed)
        #expect(try Data(contentsOf: folder.appending(path: "indexed.json")) == fixed)
    }

    @Test(
        "with the random-direction probe, parts given in any order merge to the unsplit dataset, probe included (shard 0 carries it)"
    )
    func probeTravelsWithShardZero() throws {
        let (folder, base, tuned, _) = try checkpoints()
        defer { try? FileManager.default.removeItem(at: folder) }
        #expect(
            try CommandRunner.run(["analyze", base, tuned, "--probe", "2", "-o", "whole.json"], in: folder).status == 0)
        try split([base, tuned, "--probe", "2"], count: 3, prefix: "p", in: folder)
        let merged = try CommandRunner.run(
            ["merge", "p-2.json", "p-1.json", "p-0.json", "-o", "merged.json"], in: folder)
        #expect(merged.status == 0, "\(merged.standardError)")
        let whole = try Data(contentsOf: folder.appending(path: "whole.json"))
        #expect(try DatasetCoding.read(from: folder.appending(path: "whole.json").path).probe != nil)
        #expect(try Data(contentsOf: folder.appending(path: "merged.json")) == whole)
    }

    @Test("--shard auto outside a job array exits 1 naming SLURM_ARRAY_TASK_ID and writes nothing")
    func automaticShardWithoutArray() throws {
        let (folder, base, tuned, _) = try checkpoints()
        defer { try? FileManager.default.removeItem(at: folder) }
        let outcome = try CommandRunner.run(
            ["analyze", base, tuned, "--shard", "auto", "-o", "part.json"], in: folder,
            environment: ["SLURM_ARRAY_TASK_ID": "", "SLURM_ARRAY_TASK_MIN": "", "SLURM_ARRAY_TASK_COUNT": ""])
        #expect(outcome.status == 1)
        #expect(outcome.standardError.contains("SLURM_ARRAY_TASK_ID"))
        #expect(!FileManager.default.fileExists(atPath: folder.appending(path: "part.json").path))
        let pod = try CommandRunner.run(
            ["analyze", base, tuned, "--shard", "auto/3", "-o", "part.json"], in: folder,
            environment: ["JOB_COMPLETION_INDEX": "3"])
        #expect(pod.status == 1)
        #expect(pod.standardError.contains("JOB_COMPLETION_INDEX=3"))
    }

    @Test("parts analysed with different options: exit 1 naming both files and parameters.top_k; nothing written")
    func differentParameters() throws {
        let (folder, base, tuned, _) = try checkpoints()
        defer { try? FileManager.default.removeItem(at: folder) }
        try split([base, tuned], count: 2, prefix: "a", in: folder)
        try split([base, tuned, "--top-k", "4"], count: 2, prefix: "b", in: folder)
        let outcome = try CommandRunner.run(["merge", "a-0.json", "b-1.json", "-o", "merged.json"], in: folder)
        #expect(outcome.status == 1)
        #expect(outcome.standardError.contains("a-0.json") && outcome.standardError.contains("b-1.json"))
        #expect(
            outcome.standardError.contains("parameters.top_k is 10 in a-0.json but 4 in b-1.json"),
            "\(outcome.standardError)")
        #expect(!FileManager.default.fileExists(atPath: folder.appending(path: "merged.json").path))
    }

    @Test("parts of different fine-tunes: exit 1 naming the first differing run field (runs[0].id) and both files")
    func differentInputs() throws {
        let (folder, base, tuned, other) = try checkpoints()
        defer { try? FileManager.default.removeItem(at: folder) }
        try split([base, tuned], count: 2, prefix: "a", in: folder)
        try split([base, other], count: 2, prefix: "b", in: folder)
        let outcome = try CommandRunner.run(["merge", "a-0.json", "b-1.json", "-o", "merged.json"], in: folder)
        #expect(outcome.status == 1)
        #expect(outcome.standardError.contains("runs[0].id"), "\(outcome.standardError)")
        #expect(outcome.standardError.contains("a-0.json") && outcome.standardError.contains("b-1.json"))
    }

    @Test("parts written by different speclens versions: exit 1 naming tool.version and the files")
    func differentVersions() throws {
        let (folder, base, tuned, _) = try checkpoints()
        defer { try? FileManager.default.removeItem(at: folder) }
        try split([base, tuned], count: 2, prefix: "a", in: folder)
        var old = try DatasetCoding.read(from: folder.appending(path: "a-1.json").path)
        old.tool.version = "0.0.9"
        try DatasetCoding.write(old, to: folder.appending(path: "old-1.json").path)
        let outcome = try CommandRunner.run(["merge", "a-0.json", "old-1.json"], in: folder)
        #expect(outcome.status == 1)
        #expect(
            outcome.standardError.contains(
                "tool.version is \"\(ToolInfo.speclensVersion)\" in a-0.json but \"0.0.9\" in old-1.json"),
            "\(outcome.standardError)")
    }

    @Test("parts of splits into different numbers of shards: exit 1 naming shard.count")
    func differentSplits() throws {
        let (folder, base, tuned, _) = try checkpoints()
        defer { try? FileManager.default.removeItem(at: folder) }
        try split([base, tuned], count: 2, prefix: "a", in: folder)
        try split([base, tuned], count: 3, prefix: "b", in: folder)
        let outcome = try CommandRunner.run(["merge", "a-0.json", "a-1.json", "b-2.json"], in: folder)
        #expect(outcome.status == 1)
        #expect(
            outcome.standardError.contains("shard.count is 2 in a-0.json but 3 in b-2.json"), "\(outcome.standardError)"
        )
    }

    @Test("a shard given twice: exit 1 naming the shard and both files; a missing shard: exit 1 naming it")
    func duplicateAndMissing() throws {
        let (folder, base, tuned, _) = try checkpoints()
        defer { try? FileManager.default.removeItem(at: folder) }
        try split([base, tuned], count: 3, prefix: "a", in: folder)
        try FileManager.default.copyItem(
            at: folder.appending(path: "a-1.json"), to: folder.appending(path: "copy-of-1.json"))
        let duplicate = try CommandRunner.run(
            ["merge", "a-0.json", "a-1.json", "copy-of-1.json", "a-2.json"], in: folder)
        #expect(duplicate.status == 1)
        #expect(
            duplicate.standardError.contains("shard 1/3 is given 2 times (a-1.json, copy-of-1.json)"),
            "\(duplicate.standardError)")
        let missing = try CommandRunner.run(["merge", "a-2.json", "a-0.json"], in: folder)
        #expect(missing.status == 1)
        #expect(missing.standardError.contains("shard 1/3 of 3 is missing"), "\(missing.standardError)")
    }

    @Test("a complete dataset among the parts: exit 1 naming that file")
    func completeDatasetAsPart() throws {
        let (folder, base, tuned, _) = try checkpoints()
        defer { try? FileManager.default.removeItem(at: folder) }
        try split([base, tuned], count: 2, prefix: "a", in: folder)
        #expect(try CommandRunner.run(["analyze", base, tuned, "-o", "whole.json"], in: folder).status == 0)
        let outcome = try CommandRunner.run(["merge", "a-0.json", "whole.json"], in: folder)
        #expect(outcome.status == 1)
        #expect(
            outcome.standardError.contains("whole.json is a complete dataset, not a shard"), "\(outcome.standardError)")
    }
}
