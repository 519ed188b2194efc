import Foundation
import SpeclensCheckpoints
import SpeclensDataset
import Testing

/// One bad matrix must not cost the whole analysis: it is recorded, the rest is analysed, and the
/// exit status tells scripts (3: output written, damaged matrices left out).
@Suite("Damaged matrices through the command line", .serialized)
struct DamagedMatrixTests {
    static func matrix(_ rows: Int, _ columns: Int, seed: Int) -> Matrix {
        Matrix(rows: rows, columns: columns, values: (0..<(rows * columns)).map { Float(($0 * 13 + seed) % 17) - 8 })
    }

    /// Base and fine-tune with matrices a, b, c; `poison` puts a NaN into the named matrix of the
    /// base or of the fine-tune.
    static func pair(
        in folder: URL, poisonBase: String? = nil, poisonTuned: String? = nil, hugeTuned: String? = nil,
        reshapedTuned: String? = nil
    ) throws {
        var base: [(name: String, matrix: Matrix)] = []
        var tuned = base
        for (index, name) in ["a.weight", "b.weight", "c.weight"].enumerated() {
            var w0 = matrix(12, 8, seed: index)
            var wt = w0
            wt[2, 3] += 0.5
            if name == poisonBase { w0[1, 1] = .nan }
            if name == poisonTuned { wt[0, 0] = .infinity }
            if name == hugeTuned { wt = Matrix(rows: 12, columns: 8, values: wt.values.map { $0 * 3e37 }) }
            if name == reshapedTuned { wt = matrix(8, 12, seed: index) }
            base.append((name, w0))
            tuned.append((name, wt))
        }
        try SafetensorsWriter.write(base, to: folder.appending(path: "base.safetensors").path)
        try SafetensorsWriter.write(tuned, to: folder.appending(path: "tuned.safetensors").path)
    }

    @Test(
        "An Inf in one fine-tuned matrix: that comparison is skipped as nan_or_inf, the others are analysed, the dataset is written, exit status 3 with a summary"
    )
    func tunedDamage() throws {
        let folder = try CommandRunner.scratch()
        defer { try? FileManager.default.removeItem(at: folder) }
        try Self.pair(in: folder, poisonTuned: "b.weight")
        let outcome = try CommandRunner.run(
            ["analyze", "base.safetensors", "tuned.safetensors", "-o", "d.json"], in: folder)
        #expect(outcome.status == 3, "\(outcome.standardError)")
        let dataset = try DatasetCoding.read(from: folder.appending(path: "d.json").path)
        #expect(dataset.runs[0].matrices.map(\.name) == ["a.weight", "c.weight"])
        #expect(dataset.base.matrices.map(\.name) == ["a.weight", "b.weight", "c.weight"])
        let skipped = try #require(dataset.runs[0].skipped.first { $0.name == "b.weight" })
        #expect(skipped.source == .tuned)
        #expect(skipped.reasonCode == .nanOrInf)
        #expect(outcome.standardError.contains("1 matrix comparison(s) were left out because a matrix is damaged"))
        #expect(outcome.standardError.contains("run tuned: b.weight (tuned): holds 1 NaN or infinite value(s)"))
    }

    @Test(
        "Finite values near float32's maximum in one fine-tuned matrix: skipped as values_out_of_range (damage), the rest analysed, exit 3"
    )
    func valuesNearFloatMaximum() throws {
        let folder = try CommandRunner.scratch()
        defer { try? FileManager.default.removeItem(at: folder) }
        try Self.pair(in: folder, hugeTuned: "b.weight")
        let outcome = try CommandRunner.run(
            ["analyze", "base.safetensors", "tuned.safetensors", "-o", "d.json"], in: folder)
        #expect(outcome.status == 3, "\(outcome.standardError)")
        let dataset = try DatasetCoding.read(from: folder.appending(path: "d.json").path)
        #expect(dataset.runs[0].matrices.map(\.name) == ["a.weight", "c.weight"])
        #expect(dataset.runs[0].skipped.first { $0.name == "b.weight" }?.reasonCode == .valuesOutOfRange)
        #expect(
            outcome.standardError.contains("run tuned: b.weight (tuned): holds 91 value(s) beyond ±1e15"),
            "\(outcome.standardError)")
    }

    @Test(
        "A fine-tuned projection of another shape than the base's: the run is partial (exit 3) with a terminal warning naming the tensor, the rest analysed"
    )
    func shapeMismatchIsPartial() throws {
        let folder = try CommandRunner.scratch()
        defer { try? FileManager.default.removeItem(at: folder) }
        try Self.pair(in: folder, reshapedTuned: "c.weight")
        let outcome = try CommandRunner.run(
            ["analyze", "base.safetensors", "tuned.safetensors", "-o", "d.json"], in: folder)
        #expect(outcome.status == 3, "\(outcome.standardError)")
        #expect(
            outcome.standardError.contains("warning: 1 matrix comparison(s) were left out"), "\(outcome.standardError)")
        #expect(
            outcome.standardError.contains(
                "run tuned: c.weight (base): shape [12, 8] in the base but [8, 12] in the fine-tuned checkpoint"),
            "\(outcome.standardError)")
        let dataset = try DatasetCoding.read(from: folder.appending(path: "d.json").path)
        #expect(dataset.runs[0].matrices.map(\.name) == ["a.weight", "b.weight"])
    }

    @Test(
        "Damage split across shards: base a.weight (NaN) in shard 0, tuned b.weight (Inf) in shard 1; the merge lists both as skipped, equals the unsplit dataset byte for byte and exits 3 like it",
        arguments: [2, 3])
    func damageAcrossShards(count: Int) throws {
        let folder = try CommandRunner.scratch()
        defer { try? FileManager.default.removeItem(at: folder) }
        try Self.pair(in: folder, poisonBase: "a.weight", poisonTuned: "b.weight")
        let whole = try CommandRunner.run(
            ["analyze", "base.safetensors", "tuned.safetensors", "-o", "whole.json"], in: folder)
        #expect(whole.status == 3, "\(whole.standardError)")
        var parts: [String] = []
        for index in 0..<count {
            let part = try CommandRunner.run(
                [
                    "analyze", "base.safetensors", "tuned.safetensors", "--shard", "\(index)/\(count)", "-o",
                    "p\(index).json",
                ], in: folder)
            #expect(part.status == 0 || part.status == 3, "\(part.standardError)")
            parts.append("p\(index).json")
        }
        let merge = try CommandRunner.run(["merge"] + parts.reversed() + ["-o", "merged.json"], in: folder)
        #expect(merge.status == 3, "\(merge.standardError)")
        #expect(
            try Data(contentsOf: folder.appending(path: "merged.json"))
                == Data(contentsOf: folder.appending(path: "whole.json")))
    }

    @Test(
        "A NaN in a base matrix: it is skipped for every run (side base), the rest is analysed, exit status 3; render of the dataset still works"
    )
    func baseDamage() throws {
        let folder = try CommandRunner.scratch()
        defer { try? FileManager.default.removeItem(at: folder) }
        try Self.pair(in: folder, poisonBase: "a.weight")
        let outcome = try CommandRunner.run(
            ["report", "base.safetensors", "tuned.safetensors", "-o", "site"], in: folder)
        #expect(outcome.status == 3, "\(outcome.standardError)")
        let dataset = try DatasetCoding.read(from: folder.appending(path: "site/dataset.json").path)
        #expect(dataset.base.matrices.map(\.name) == ["b.weight", "c.weight"])
        #expect(
            dataset.runs[0].skipped.contains {
                $0.name == "a.weight" && $0.source == .base && $0.reasonCode == .nanOrInf
            })
        #expect(FileManager.default.fileExists(atPath: folder.appending(path: "site/index.html").path))
    }

    @Test("Damage to the file itself (a truncated fine-tune) stays one fatal error: exit 1, nothing written")
    func fileDamageIsFatal() throws {
        let folder = try CommandRunner.scratch()
        defer { try? FileManager.default.removeItem(at: folder) }
        try Self.pair(in: folder)
        let tuned = folder.appending(path: "tuned.safetensors")
        let data = try Data(contentsOf: tuned)
        try data.prefix(data.count - 40).write(to: tuned)
        let outcome = try CommandRunner.run(
            ["analyze", "base.safetensors", "tuned.safetensors", "-o", "d.json"], in: folder)
        #expect(outcome.status == 1)
        #expect(!FileManager.default.fileExists(atPath: folder.appending(path: "d.json").path))
    }
}
