import Foundation
import SpeclensDataset
import Testing

@Suite("speclens export: one row per run × matrix", .serialized)
struct ExportCommandTests {
    /// The demo's dataset, written once into a scratch folder.
    static func demoDataset() throws -> (folder: URL, dataset: SpectralDataset) {
        let folder = try CommandRunner.scratch()
        let outcome = try CommandRunner.run(["demo", "-o", "site", "--no-controls"], in: folder)
        #expect(outcome.status == 0, "\(outcome.standardError)")
        return (folder, try DatasetCoding.read(from: folder.appending(path: "site/dataset.json").path))
    }

    @Test("CSV loads with Python's csv module into exactly one row per run × matrix, with the dataset's numbers")
    func csvWithPython() throws {
        let (folder, dataset) = try Self.demoDataset()
        defer { try? FileManager.default.removeItem(at: folder) }
        let outcome = try CommandRunner.run(
            ["export", "site/dataset.json", "--format", "csv", "-o", "table.csv"], in: folder)
        #expect(outcome.status == 0, "\(outcome.standardError)")
        let script = """
            import csv, json, sys
            rows = list(csv.DictReader(open(sys.argv[1], newline="")))
            print(json.dumps({"rows": len(rows), "columns": list(rows[0].keys()),
                              "first": rows[0], "ids": sorted({r["run_id"] for r in rows})}))
            """
        let python = Process()
        python.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        python.arguments = ["python3", "-c", script, folder.appending(path: "table.csv").path]
        let pipe = Pipe()
        python.standardOutput = pipe
        try python.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        python.waitUntilExit()
        #expect(python.terminationStatus == 0)
        let parsed = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let expectedRows = dataset.runs.reduce(0) { $0 + $1.matrices.count }
        #expect(parsed["rows"] as? Int == expectedRows)
        #expect(parsed["ids"] as? [String] == dataset.runs.map(\.id.rawValue).sorted())
        let columns = try #require(parsed["columns"] as? [String])
        for column in [
            "run_id", "matrix", "layer", "module", "kind", "max_cos_0", "intruders_eps_0.50", "effective_rank",
            "frobenius_delta",
        ] {
            #expect(columns.contains(column), "\(column)")
        }
        let first = try #require(parsed["first"] as? [String: String])
        let run = dataset.runs[0]
        let matrix = run.matrices[0]
        #expect(first["run_id"] == run.id.rawValue)
        #expect(first["matrix"] == matrix.name)
        #expect(first["max_cos_0"].flatMap(Float.init) == matrix.maxCosineTopK[0])
        #expect(first["intruders_eps_0.50"].flatMap(Int.init) == matrix.intrudersByEpsilon[0.5])
    }

    @Test("JSON Lines: one object per line, max |cos| as an array, absent values null")
    func jsonLines() throws {
        let (folder, dataset) = try Self.demoDataset()
        defer { try? FileManager.default.removeItem(at: folder) }
        let outcome = try CommandRunner.run(["export", "site/dataset.json", "--format", "jsonl"], in: folder)
        #expect(outcome.status == 0, "\(outcome.standardError)")
        let lines = outcome.standardOutput.split(separator: "\n")
        #expect(lines.count == dataset.runs.reduce(0) { $0 + $1.matrices.count })
        let objects = try lines.map {
            try #require(try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])
        }
        let full = try #require(objects.first { $0["run_kind"] as? String == "full" })
        #expect(full["lora_r"] is NSNull)
        #expect((full["max_cos"] as? [Double])?.count == dataset.base.matrices[0].topK)
    }
}
