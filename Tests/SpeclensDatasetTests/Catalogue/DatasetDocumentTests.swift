import Foundation
import SpeclensDataset
import Testing

@Suite("docs/dataset.md's field tables are the catalogue's", .serialized)
struct DatasetDocumentTests {
    /// docs/dataset.md in this checkout.
    static let document = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("docs/dataset.md")

    @Test("The committed docs/dataset.md equals the one the catalogue makes (docs/make-dataset-doc.sh rewrites it)")
    func documentIsGenerated() throws {
        let committed = try String(contentsOf: Self.document, encoding: .utf8)
        let generated = DatasetFieldTables.update(committed)
        if ProcessInfo.processInfo.environment["SPECLENS_WRITE_DOCS"] == "1" {
            try Data(generated.utf8).write(to: Self.document)
            return
        }
        #expect(committed == generated, "docs/dataset.md is out of date: run docs/make-dataset-doc.sh")
    }

    @Test("Each record's table and the export's table are in the document")
    func everyTableIsMarked() throws {
        let committed = try String(contentsOf: Self.document, encoding: .utf8)
        let names = MeasureRecord.allCases.filter { $0 != .derived }.map(\.rawValue) + [DatasetFieldTables.exportTable]
        for name in names {
            #expect(committed.contains("<!-- catalogue: \(name) -->"), "no table \(name)")
        }
    }
}
