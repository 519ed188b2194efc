import Foundation
import SpeclensTestSupport
import Testing

@testable import SpeclensCheckpoints

@Suite("Model checkpoints: single files, folders, shards")
struct ModelCheckpointTests {
    /// Writes two shards and an index mapping `q` and `a` to shard 1 and `k` to shard 2.
    private func writeSharded(_ folder: String, index: String? = nil) throws {
        try SafetensorsWriter.write(
            [(name: "q", matrix: TestFiles.ramp(2, 2)), (name: "a", matrix: TestFiles.ramp(1, 2))],
            to: folder + "/model-00001-of-00002.safetensors")
        try SafetensorsWriter.write(
            [(name: "k", matrix: TestFiles.ramp(2, 3, start: 10))],
            to: folder + "/model-00002-of-00002.safetensors", dtype: .BF16)
        let defaultIndex =
            #"{"metadata":{"total_size":48},"weight_map":{"q":"model-00001-of-00002.safetensors","k":"model-00002-of-00002.safetensors","a":"model-00001-of-00002.safetensors"}}"#
        try TestFiles.write(index ?? defaultIndex, folder, "model.safetensors.index.json")
    }

    @Test("A single .safetensors file is a checkpoint with one file and its tensors by name")
    func singleFile() throws {
        try TestFiles.withFolder { folder in
            let path = folder + "/weights.safetensors"
            try SafetensorsWriter.write(
                [(name: "b", matrix: TestFiles.ramp(2, 2)), (name: "a", matrix: TestFiles.ramp(1, 1))], to: path)
            let checkpoint = try ModelCheckpoint(path: path)
            #expect(checkpoint.path == path)
            #expect(checkpoint.files.map(\.path) == [path])
            #expect(
                checkpoint.files.first?.bytes == (try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int)
            )
            #expect(checkpoint.tensors.map(\.name) == ["a", "b"])
            #expect(try checkpoint.matrix("b") == TestFiles.ramp(2, 2))
        }
    }

    @Test("A folder holding model.safetensors opens that file")
    func folder() throws {
        try TestFiles.withFolder { folder in
            try SafetensorsWriter.write([(name: "w", matrix: TestFiles.ramp(2, 2))], to: folder + "/model.safetensors")
            let checkpoint = try ModelCheckpoint(path: folder)
            #expect(checkpoint.files.map(\.path) == [folder + "/model.safetensors"])
            #expect(checkpoint.info("w")?.shape == [2, 2])
            #expect(throws: CheckpointError.tensorNotFound(file: folder, tensor: "x")) { try checkpoint.matrix("x") }
        }
    }

    @Test("A sharded folder lists both shards by path and reads tensors from the right shard, sorted by name")
    func sharded() throws {
        try TestFiles.withFolder { folder in
            try writeSharded(folder)
            let checkpoint = try ModelCheckpoint(path: folder)
            #expect(
                checkpoint.files.map(\.path) == [
                    folder + "/model-00001-of-00002.safetensors", folder + "/model-00002-of-00002.safetensors",
                ])
            #expect(checkpoint.tensors.map(\.name) == ["a", "k", "q"])
            #expect(checkpoint.info("k")?.file == folder + "/model-00002-of-00002.safetensors")
            #expect(try checkpoint.matrix("k") == TestFiles.ramp(2, 3, start: 10))
            #expect(try checkpoint.matrix("q") == TestFiles.ramp(2, 2))
            // The index file itself can be given too.
            let direct = try ModelCheckpoint(path: folder + "/model.safetensors.index.json")
            #expect(direct.tensors.map(\.name) == ["a", "k", "q"])
        }
    }

    @Test(
        "An index naming a shard outside the folder (../ or absolute) → invalidIndex, before any file is opened",
        arguments: ["../evil.safetensors", "/tmp/evil.safetensors", "sub/../../evil.safetensors"])
    func unsafeShardPath(shard: String) throws {
        try TestFiles.withFolder { folder in
            try writeSharded(
                folder, index: "{\"weight_map\":{\"q\":\"model-00001-of-00002.safetensors\",\"x\":\"\(shard)\"}}")
            let error = #expect(throws: CheckpointError.self) { try ModelCheckpoint(path: folder) }
            guard case .invalidIndex(let file, let reason)? = error else {
                Issue.record("expected invalidIndex, got \(String(describing: error))")
                return
            }
            #expect(file == folder + "/model.safetensors.index.json")
            #expect(reason.contains(shard))
        }
    }

    @Test("An index naming a missing shard → invalidIndex naming the shard")
    func missingShard() throws {
        try TestFiles.withFolder { folder in
            try writeSharded(
                folder, index: #"{"weight_map":{"q":"model-00001-of-00002.safetensors","z":"model-00003.safetensors"}}"#
            )
            let error = #expect(throws: CheckpointError.self) { try ModelCheckpoint(path: folder) }
            #expect(error?.caseName == "invalidIndex")
            #expect(error?.description.contains("model-00003.safetensors") == true)
        }
    }

    @Test("An index listing a tensor its shard does not hold → invalidIndex; no weight_map → invalidIndex")
    func inconsistentIndex() throws {
        try TestFiles.withFolder { folder in
            try writeSharded(folder, index: #"{"weight_map":{"k":"model-00001-of-00002.safetensors"}}"#)
            let error = #expect(throws: CheckpointError.self) { try ModelCheckpoint(path: folder) }
            #expect(error?.caseName == "invalidIndex")
            try TestFiles.write(#"{"metadata":{}}"#, folder, "model.safetensors.index.json")
            let noMap = #expect(throws: CheckpointError.self) { try ModelCheckpoint(path: folder) }
            #expect(noMap?.caseName == "invalidIndex")
        }
    }

    @Test("The same tensor name in two shards → duplicateTensor naming both files")
    func duplicateAcrossShards() throws {
        try TestFiles.withFolder { folder in
            try SafetensorsWriter.write([(name: "w", matrix: TestFiles.ramp(1, 1))], to: folder + "/s1.safetensors")
            try SafetensorsWriter.write(
                [(name: "w", matrix: TestFiles.ramp(1, 1)), (name: "v", matrix: TestFiles.ramp(1, 1))],
                to: folder + "/s2.safetensors")
            try TestFiles.write(
                #"{"weight_map":{"w":"s1.safetensors","v":"s2.safetensors"}}"#, folder, "model.safetensors.index.json")
            #expect(
                throws: CheckpointError.duplicateTensor(
                    tensor: "w", firstFile: folder + "/s1.safetensors", secondFile: folder + "/s2.safetensors")
            ) {
                try ModelCheckpoint(path: folder)
            }
        }
    }

    @Test(
        "A file with a PyTorch extension that is neither a ZIP archive nor a pickle is refused, given directly or as a folder's only checkpoint"
    )
    func notPyTorch() throws {
        try TestFiles.withFolder { folder in
            let reason = "neither a ZIP archive nor a pickle stream (a PyTorch checkpoint is one of the two)"
            for name in ["model.pt", "weights.pth", "pytorch_model.bin"] {
                let path = try TestFiles.write(Data("hello".utf8), folder, name)
                #expect(throws: CheckpointError.invalidPyTorchCheckpoint(file: path, reason: reason)) {
                    try ModelCheckpoint(path: path)
                }
            }
            let only = folder + "/only"
            let pickle = try TestFiles.write(Data("hello".utf8), only, "pytorch_model.bin")
            #expect(throws: CheckpointError.invalidPyTorchCheckpoint(file: pickle, reason: reason)) {
                try ModelCheckpoint(path: only)
            }
        }
    }

    @Test(
        "A folder with no checkpoint → noCheckpointFound listing the names looked for; a missing path → fileUnreadable")
    func nothingFound() throws {
        try TestFiles.withFolder { folder in
            try TestFiles.write("{}", folder, "config.json")
            let error = #expect(throws: CheckpointError.self) { try ModelCheckpoint(path: folder) }
            #expect(
                error
                    == .noCheckpointFound(
                        path: folder,
                        lookedFor: [
                            "model.safetensors.index.json", "model.safetensors", "pytorch_model.bin.index.json",
                            "pytorch_model.bin",
                        ]))
            #expect(error?.description.contains("model.safetensors") == true)
            let missing = #expect(throws: CheckpointError.self) { try ModelCheckpoint(path: folder + "/nope") }
            #expect(missing?.caseName == "fileUnreadable")
        }
    }

    @Test(
        "Symlinked files, as in a Hugging Face cache snapshot (snapshots/x/model.safetensors → ../../blobs/h), open normally"
    )
    func symlinks() throws {
        try TestFiles.withFolder { folder in
            try FileManager.default.createDirectory(atPath: folder + "/blobs", withIntermediateDirectories: true)
            try FileManager.default.createDirectory(
                atPath: folder + "/snapshots/abc", withIntermediateDirectories: true)
            try SafetensorsWriter.write([(name: "w", matrix: TestFiles.ramp(2, 2))], to: folder + "/blobs/0123")
            try FileManager.default.createSymbolicLink(
                atPath: folder + "/snapshots/abc/model.safetensors",
                withDestinationPath: "../../blobs/0123")
            let checkpoint = try ModelCheckpoint(path: folder + "/snapshots/abc")
            #expect(checkpoint.files.map(\.path) == [folder + "/snapshots/abc/model.safetensors"])
            #expect(try checkpoint.matrix("w") == TestFiles.ramp(2, 2))
        }
    }

    @Test(
        "The MiniLM base fixture opens: 103 tensors, query weight 384×384 finite, position_ids I64",
        Fixtures.enabled)
    func baseFixture() throws {
        try Fixtures.require()
        let base = try ModelCheckpoint(path: Fixtures.minilm("base"))
        #expect(base.tensors.count == 103)
        #expect(base.info("embeddings.position_ids")?.dtype == .I64)
        let query = try base.matrix("encoder.layer.0.attention.self.query.weight")
        #expect(query.shape == [384, 384])
        #expect(query.values.contains { $0 != 0 })
    }
}
