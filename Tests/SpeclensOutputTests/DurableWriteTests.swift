import Foundation
import SpeclensTestSupport
import Testing

@testable import SpeclensOutput

@Suite("DurableWrite and StagedFolder: a failed write leaves the earlier output byte for byte, with nothing beside it")
struct DurableWriteTests {
    static func scratch() throws -> String {
        try TestFiles.freshFolder("speclens-durable")
    }

    @Test("a file is replaced whole, and no temporary file remains")
    func replacesWhole() throws {
        let root = try Self.scratch()
        defer { try? FileManager.default.removeItem(atPath: root) }
        try DurableWrite.write(Data("old".utf8), to: root + "/a.json")
        try DurableWrite.write(Data("new".utf8), to: root + "/a.json")
        #expect(FileManager.default.contents(atPath: root + "/a.json") == Data("new".utf8))
        #expect(try FileManager.default.contentsOfDirectory(atPath: root) == ["a.json"])
    }

    @Test("a write into a missing folder fails with unwritable naming the path")
    func missingFolder() throws {
        let root = try Self.scratch()
        defer { try? FileManager.default.removeItem(atPath: root) }
        #expect(throws: OutputError.self) { try DurableWrite.write(Data("x".utf8), to: root + "/missing/a.json") }
    }

    @Test("a fill that fails leaves a folder speclens wrote before as it was, and removes its staging folder")
    func failedFillKeepsFolder() throws {
        let root = try Self.scratch()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let folder = StagedFolder(root + "/out", marker: ".speclens-test", markerHeader: "# test")
        try folder.replace(allowForeign: false) {
            try Data("one".utf8).write(to: URL(fileURLWithPath: $0 + "/a.txt"))
            return ["a.txt"]
        }
        #expect(try folder.contents() == .ours(written: ["a.txt"]))
        struct Full: Error {}
        #expect(throws: Full.self) {
            try folder.replace(allowForeign: false) { _ -> Set<String> in throw Full() }
        }
        #expect(FileManager.default.contents(atPath: root + "/out/a.txt") == Data("one".utf8))
        #expect(try FileManager.default.contentsOfDirectory(atPath: root).sorted() == ["out"])
    }

    @Test("a foreign folder is refused without allowForeign, naming the marker it lacks")
    func foreignRefused() throws {
        let root = try Self.scratch()
        defer { try? FileManager.default.removeItem(atPath: root) }
        try FileManager.default.createDirectory(atPath: root + "/out", withIntermediateDirectories: true)
        try Data("mine".utf8).write(to: URL(fileURLWithPath: root + "/out/thesis.tex"))
        let folder = StagedFolder(root + "/out", marker: ".speclens-test", markerHeader: "# test")
        #expect(
            throws: OutputError.foreignFolder(
                path: folder.path, entries: ["thesis.tex"], count: 1, marker: ".speclens-test")
        ) {
            try folder.replace(allowForeign: false) { _ in ["a.txt"] }
        }
    }
}
