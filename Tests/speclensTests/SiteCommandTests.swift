import Foundation
import SpeclensDataset
import Testing

@Suite("speclens site: several datasets as one site", .serialized)
struct SiteCommandTests {
    /// The modification times of every file below `folder`, by relative path.
    static func times(_ folder: URL) throws -> [String: Date] {
        var times: [String: Date] = [:]
        let enumerator = FileManager.default.enumerator(atPath: folder.path)!
        while let path = enumerator.nextObject() as? String {
            let attributes = try FileManager.default.attributesOfItem(atPath: folder.appending(path: path).path)
            if attributes[.type] as? FileAttributeType == .typeRegular {
                times[path] = attributes[.modificationDate] as? Date
            }
        }
        return times
    }

    @Test(
        "Datasets given as files and as folders (a report's site, a folder of *.json) become one site with an index and a report per experiment; a second run changes no file; a changed dataset is rendered alone; options for one dataset are refused"
    )
    func site() throws {
        let folder = try CommandRunner.scratch()
        defer { try? FileManager.default.removeItem(at: folder) }
        #expect(try CommandRunner.run(["demo", "-o", "demo", "--no-controls"], in: folder).status == 0)
        try FileManager.default.createDirectory(at: folder.appending(path: "more"), withIntermediateDirectories: true)
        var dataset = try DatasetCoding.read(from: folder.appending(path: "demo/dataset.json").path)
        dataset.runs = [dataset.runs[1]]
        try DatasetCoding.write(dataset, to: folder.appending(path: "more/lora only.json").path)

        let first = try CommandRunner.run(["site", "demo", "more", "-o", "out", "--epsilon", "0.7"], in: folder)
        #expect(first.status == 0, "\(first.standardError)")
        #expect(first.standardError.isEmpty)  // not a terminal: quiet
        let out = folder.appending(path: "out")
        let entries = Set(try FileManager.default.contentsOfDirectory(atPath: out.path))
        #expect(entries == ["demo", "lora-only", "index.html", "style.css", "experiments.json", ".speclens-site"])
        let index = try String(contentsOf: out.appending(path: "index.html"), encoding: .utf8)
        #expect(
            index.contains("<a href=\"demo/index.html\">demo</a>")
                && index.contains("<a href=\"lora-only/index.html\">lora only</a>"))
        let lora = dataset.runs[0]
        let count = lora.matrices.map { $0.maxCosineTopK.filter { Double($0) < 0.7 }.count }.reduce(0, +)
        #expect(
            index.contains(
                "<td class=\"num\">\(count)</td><td class=\"num\">\(String(format: "%.1f", lora.summary.meanEffectiveRank!))</td></tr>"
            ))
        let record = try String(contentsOf: out.appending(path: "experiments.json"), encoding: .utf8)
        #expect(record.contains(#""folder":"lora-only""#) && record.contains(#""speclens_version":"#))

        let before = try Self.times(out)
        Thread.sleep(forTimeInterval: 0.05)
        #expect(
            try CommandRunner.run(["site", "demo", "more", "-o", "out", "--epsilon", "0.7"], in: folder).status == 0)
        #expect(try Self.times(out) == before)

        dataset.runs[0].label = "LoRA, relabelled"
        try DatasetCoding.write(dataset, to: folder.appending(path: "more/lora only.json").path)
        #expect(
            try CommandRunner.run(["site", "demo", "more", "-o", "out", "--epsilon", "0.7"], in: folder).status == 0)
        let after = try Self.times(out)
        let demoFiles = before.keys.filter { $0.hasPrefix("demo/") }
        #expect(!demoFiles.isEmpty && demoFiles.allSatisfy { after[$0] == before[$0] })
        #expect(after["lora-only/index.html"] != before["lora-only/index.html"])
        #expect(
            try String(contentsOf: out.appending(path: "lora-only/index.html"), encoding: .utf8).contains(
                "LoRA, relabelled"))

        let single = try CommandRunner.run(["site", "demo", "--single-file", "x.html"], in: folder)
        #expect(single.status != 0 && single.standardError.contains("--single-file"))
        let empty = try CommandRunner.run(["site", "out/demo/charts", "-o", "o2"], in: folder)
        #expect(empty.status == 1 && empty.standardError.contains("holds no dataset"))
    }
}
