import Foundation
import SpeclensDataset
import SpeclensTestSupport
import Testing

@Suite("speclens mitigate, then a report of the original and the mitigated adapter", .serialized, Fixtures.enabled)
struct MitigateCommandTests {
    @Test(
        "MiniLM r8 at ε = 0.7: the mitigated adapter is analysed as its own run with fewer intruders at ε = 0.70, and the dataset carries what was mitigated"
    )
    func mitigateThenReport() throws {
        try Fixtures.require()
        let folder = try CommandRunner.scratch()
        defer { try? FileManager.default.removeItem(at: folder) }
        let base = Fixtures.minilm("base")
        let original = Fixtures.minilm("lora-r8-a16")
        let mitigate = try CommandRunner.run(
            ["mitigate", base, original, "-o", "mitigated", "--threshold-epsilon", "0.7"], in: folder)
        #expect(mitigate.status == 0, "\(mitigate.standardError)")
        #expect(mitigate.standardError.contains("scaled by λ = 0.75 at ε = 0.70"))
        let report = try CommandRunner.run(
            [
                "report", base, original, "mitigated", "--epsilon", "0.7", "--include", #"encoder\.layer"#,
                "--no-controls", "-o", "site",
            ],
            in: folder)
        #expect(report.status == 0, "\(report.standardError)")
        let dataset = try DatasetCoding.read(from: folder.appending(path: "site/dataset.json").path)
        let (before, after) = (dataset.runs[0], dataset.runs[1])
        #expect(before.mitigation == nil)
        let record = try #require(after.mitigation)
        #expect(record.lambda == 0.75 && record.epsilon == 0.7 && record.topK == 10)
        #expect(before.summary.intruders > 0)
        #expect(
            after.summary.intruders < before.summary.intruders,
            "\(before.summary.intruders) → \(after.summary.intruders)")
    }
}
