import Foundation
import SpeclensTestSupport
import Testing

@Suite(
    "No command writes over its input: mitigate, analyze, merge and export refuse an output that is, holds or lies in an input",
    .serialized)
struct InputProtectionCommandTests {
    /// A scratch folder holding a copy of the MiniLM r=1 adapter as `adapter/`.
    static func scratchWithAdapter() throws -> URL {
        let folder = try CommandRunner.scratch()
        try FileManager.default.copyItem(
            atPath: Fixtures.minilm("lora-r1-a2"), toPath: folder.appending(path: "adapter").path)
        return folder
    }

    @Test(
        "mitigate -o INPUT, -o inside the input, --merged over a folder holding the input, and all of them with --force: exit 1, the adapter's bytes unchanged",
        Fixtures.enabled)
    func mitigateNeverWritesIntoItsInput() throws {
        try Fixtures.require()
        let folder = try Self.scratchWithAdapter()
        defer { try? FileManager.default.removeItem(at: folder) }
        let before = OutputFolderCommandTests.tree(folder)
        let base = Fixtures.minilm("base")
        for output in [
            ["-o", "adapter"], ["-o", "adapter/mitigated"], ["-o", "./adapter/../adapter"], ["--merged", "."],
        ] {
            for force in [[], ["--force"]] {
                let outcome = try CommandRunner.run(["mitigate", base, "adapter"] + output + force, in: folder)
                #expect(outcome.status == 1, "\(output + force): \(outcome.standardError)")
                #expect(outcome.standardError.contains("would write over the input"), "\(outcome.standardError)")
                #expect(OutputFolderCommandTests.tree(folder) == before, "\(output + force)")
            }
        }
    }

    @Test(
        "mitigate into a foreign non-empty folder is refused (hint --force) and leaves it as it was; --force writes, keeping its other files; a second mitigate replaces its own output",
        Fixtures.enabled)
    func mitigateOutputFolders() throws {
        try Fixtures.require()
        let folder = try Self.scratchWithAdapter()
        defer { try? FileManager.default.removeItem(at: folder) }
        let base = Fixtures.minilm("base")
        let foreign = folder.appending(path: "foreign")
        try FileManager.default.createDirectory(at: foreign, withIntermediateDirectories: true)
        try Data("my notes\n".utf8).write(to: foreign.appending(path: "notes.txt"))
        try Data("{\"hand\": \"written\"}\n".utf8).write(to: foreign.appending(path: "adapter_config.json"))
        let foreignBefore = OutputFolderCommandTests.tree(foreign)

        let refused = try CommandRunner.run(["mitigate", base, "adapter", "-o", "foreign"], in: folder)
        #expect(refused.status == 1)
        #expect(
            refused.standardError.contains("was not written by speclens") && refused.standardError.contains("--force"),
            "\(refused.standardError)")
        #expect(OutputFolderCommandTests.tree(foreign) == foreignBefore)

        let forced = try CommandRunner.run(["mitigate", base, "adapter", "-o", "foreign", "--force"], in: folder)
        #expect(forced.status == 0, "\(forced.standardError)")
        let written = OutputFolderCommandTests.tree(foreign)
        #expect(written["notes.txt"] == Data("my notes\n".utf8))
        #expect(written["adapter_model.safetensors"] != nil && written[".speclens-mitigate"] != nil)

        let first = try CommandRunner.run(["mitigate", base, "adapter", "-o", "mitigated"], in: folder)
        #expect(first.status == 0, "\(first.standardError)")
        let once = OutputFolderCommandTests.tree(folder.appending(path: "mitigated"))
        let again = try CommandRunner.run(["mitigate", base, "adapter", "-o", "mitigated"], in: folder)
        #expect(again.status == 0, "\(again.standardError)")
        #expect(OutputFolderCommandTests.tree(folder.appending(path: "mitigated")) == once)
        let left = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.contains(".speclens-") }
        #expect(left.isEmpty, "\(left)")
    }

    @Test(
        "analyze -o onto a file of an input checkpoint, merge -o onto one of its shards and export -o onto its dataset: exit 1 before reading anything, the input unchanged"
    )
    func fileOutputsNeverReplaceInputs() throws {
        let folder = try CommandRunner.scratch()
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.createDirectory(at: folder.appending(path: "base"), withIntermediateDirectories: true)
        for name in ["base/model.safetensors", "tuned.safetensors", "part.json"] {
            try Data("precious \(name)\n".utf8).write(to: folder.appending(path: name))
        }
        let before = OutputFolderCommandTests.tree(folder)
        let commands = [
            ["analyze", "base", "tuned.safetensors", "-o", "base/model.safetensors"],
            ["analyze", "base", "tuned.safetensors", "-o", "./tuned.safetensors"],
            ["merge", "part.json", "-o", "part.json"],
            ["export", "part.json", "-o", "part.json"],
        ]
        for command in commands {
            let outcome = try CommandRunner.run(command, in: folder)
            #expect(outcome.status == 1, "\(command): \(outcome.standardError)")
            #expect(
                outcome.standardError.contains("would write over the input"), "\(command): \(outcome.standardError)")
            #expect(OutputFolderCommandTests.tree(folder) == before, "\(command)")
        }
    }
}
