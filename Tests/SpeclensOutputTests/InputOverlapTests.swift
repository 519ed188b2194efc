import Foundation
import SpeclensTestSupport
import Testing

@testable import SpeclensOutput

@Suite("InputOverlap: an output is never an input, inside one, or (for a folder) holding one")
struct InputOverlapTests {
    static func scratch() throws -> String {
        let path = try TestFiles.freshFolder("speclens-overlap")
        try TestFiles.write("x", path, "model/model.safetensors")
        return path
    }

    @Test(
        "an output folder equal to, inside or holding an input is refused, however spelled (relative, '..', a symbolic link)"
    )
    func folders() throws {
        let root = try Self.scratch()
        defer { try? FileManager.default.removeItem(atPath: root) }
        try FileManager.default.createSymbolicLink(atPath: root + "/link", withDestinationPath: root + "/model")
        for output in [root + "/model", root + "/model/out", root + "/link", root + "/model/../model", root] {
            #expect(throws: OutputError.outputOverlapsInput(output: output, input: root + "/model")) {
                try InputOverlap.checkFolder(output, inputs: [root + "/model"])
            }
        }
        try InputOverlap.checkFolder(root + "/out", inputs: [root + "/model", root + "/model/model.safetensors"])
    }

    @Test(
        "an output file equal to an input, or replacing a file inside an input folder, is refused; a new file beside a checkpoint is not"
    )
    func files() throws {
        let root = try Self.scratch()
        defer { try? FileManager.default.removeItem(atPath: root) }
        #expect(throws: OutputError.self) {
            try InputOverlap.checkFile(root + "/model/model.safetensors", inputs: [root + "/model"])
        }
        #expect(throws: OutputError.self) {
            try InputOverlap.checkFile(root + "/model/./model.safetensors", inputs: [root + "/model/model.safetensors"])
        }
        try InputOverlap.checkFile(root + "/model/dataset.json", inputs: [root + "/model"])
        try InputOverlap.checkFile(root + "/dataset.json", inputs: [root + "/model"])
    }

    @Test("the message names both paths and says --force does not help")
    func message() {
        let text = "\(OutputError.outputOverlapsInput(output: "out", input: "adapter"))"
        #expect(text.contains("out") && text.contains("adapter") && text.contains("--force does not change this"))
    }
}
