import Foundation
import SpeclensDataset
import SpeclensTestSupport
import Testing

@Suite(
    "The default selection: the repeated blocks only; one matrix holding most intruders is flagged", .serialized,
    Fixtures.enabled)
struct DefaultSelectionCommandTests {
    @Test(
        "On the MiniLM fixtures with no --include the pooler is not analysed (a note says so), and every run's matrices and counts equal those of the encoder blocks"
    )
    func poolerLeftOut() throws {
        try Fixtures.require()
        let folder = try CommandRunner.scratch()
        defer { try? FileManager.default.removeItem(at: folder) }
        let runs = ["full", "lora-r8-a16"].map(Fixtures.minilm)
        let plain = try CommandRunner.run(
            ["analyze", Fixtures.minilm("base")] + runs + ["-o", "default.json", "--no-controls"], in: folder)
        #expect(plain.status == 0, "\(plain.standardError)")
        let blocks = try CommandRunner.run(
            ["analyze", Fixtures.minilm("base")] + runs + [
                "-o", "blocks.json", "--no-controls", "--include", #"encoder\.layer"#,
            ], in: folder)
        #expect(blocks.status == 0, "\(blocks.standardError)")
        let (byDefault, byPattern) = (
            try DatasetCoding.read(from: folder.appending(path: "default.json").path),
            try DatasetCoding.read(from: folder.appending(path: "blocks.json").path)
        )
        #expect(byDefault.base.matrices.count == 36)
        for (run, expected) in zip(byDefault.runs, byPattern.runs) {
            #expect(run.matrices == expected.matrices && run.summary == expected.summary, "\(run.id)")
            #expect(run.skipped.first { $0.name == "pooler.dense.weight" }?.reasonCode == .outsideBlocks)
            #expect(
                run.notes?.contains { $0.contains("outside the repeated blocks") && $0.contains("pooler.dense.weight") }
                    == true)
        }
        #expect(plain.standardError.contains("projection(s) outside the repeated blocks"))
        #expect(!plain.standardError.contains("lie in one matrix"))
    }

    @Test(
        "With --include-heads the pooler holds all ten of the full fine-tune's intruders at ε = 0.5: a warning on the terminal and next to the count in the report"
    )
    func concentrationWarned() throws {
        try Fixtures.require()
        let folder = try CommandRunner.scratch()
        defer { try? FileManager.default.removeItem(at: folder) }
        let outcome = try CommandRunner.run(
            [
                "report", Fixtures.minilm("base"), Fixtures.minilm("full"), "--include-heads", "--no-controls", "-o",
                "site",
            ], in: folder)
        #expect(outcome.status == 0, "\(outcome.standardError)")
        #expect(
            outcome.standardError.contains(
                "warning: run full: 10 of this run's 10 intruders at ε = 0.50 lie in one matrix, pooler.dense.weight"),
            "\(outcome.standardError)")
        let overview = try String(contentsOf: folder.appending(path: "site/index.html"), encoding: .utf8)
        #expect(overview.contains("(⚠ 10 in one matrix)"))
        #expect(overview.contains("lie in one matrix, pooler.dense.weight"))
    }
}
