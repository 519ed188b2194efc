import Foundation
import SpeclensDataset
import SpeclensTestSupport
import Testing

@testable import SpeclensAnalysis

@Suite("The analysis journal: checksummed lines, torn tails dropped, other analyses refused")
struct AnalysisJournalTests {
    /// A dataset header standing for one analysis.
    static func identity(topK: Int = 10) -> SpectralDataset {
        var parameters = AnalysisParameters()
        parameters.topK = topK
        return SpectralDataset(
            tool: ToolInfo(), parameters: parameters,
            base: BaseModelRecord(
                path: "base", name: "base", files: [FileRecord(path: "base/model.safetensors", bytes: 12)], matrices: []
            ),
            runs: [])
    }

    /// A job result with damage found in two runs, one of each damage kind.
    static let damaged = MatrixJobResult(
        base: nil, comparisons: [:],
        damaged: [
            RunID("a"): Exclusion(name: "w.weight", side: .base, reason: .nonFinite(count: 3)),
            RunID("b"): Exclusion(
                name: "w.weight", side: .tuned, reason: .decompositionFailed(routine: "sgesdd", info: 2)),
        ])

    @Test("results written by one journal are read back equal by the next; the line count grows by one per job")
    func roundTrip() throws {
        try TestFiles.withFolder { folder in
            let path = folder + "/d.json.journal"
            do {
                let journal = try AnalysisJournal(path: path, identity: Self.identity())
                try journal.record("w.weight", Self.damaged, inputs: 1)
                #expect(journal.jobCount == 1)
            }
            let reopened = try AnalysisJournal(path: path, identity: Self.identity())
            #expect(reopened.finished == ["w.weight": Self.damaged])
            #expect(reopened.finishedInputs == ["w.weight": 1])
            let lines = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n")
            #expect(lines.count == 2)
        }
    }

    @Test("a job run again (its inputs changed) is recorded again, and the last record counts")
    func lastRecordCounts() throws {
        try TestFiles.withFolder { folder in
            let path = folder + "/d.json.journal"
            do {
                let journal = try AnalysisJournal(path: path, identity: Self.identity())
                try journal.record("w.weight", Self.damaged, inputs: 1)
                try journal.record("w.weight", Self.damaged, inputs: 0xABCD_EF01_2345_6789)
            }
            let reopened = try AnalysisJournal(path: path, identity: Self.identity())
            #expect(reopened.finishedInputs == ["w.weight": 0xABCD_EF01_2345_6789])
        }
    }

    @Test("a torn or corrupted line ends what is read; the file is cut back to the lines before it")
    func tornTail() throws {
        try TestFiles.withFolder { folder in
            let path = folder + "/d.json.journal"
            do {
                let journal = try AnalysisJournal(path: path, identity: Self.identity())
                try journal.record("a.weight", Self.damaged, inputs: 1)
                try journal.record("b.weight", Self.damaged, inputs: 1)
            }
            var text = try String(contentsOfFile: path, encoding: .utf8)
            let good = text.split(separator: "\n").prefix(2).joined(separator: "\n") + "\n"
            // Flip one character of the last line's JSON: its checksum no longer matches.
            text =
                good + String(text.dropFirst(good.count)).replacingOccurrences(of: "b.weight", with: "c.weight")
                + "0000"
            try text.write(toFile: path, atomically: true, encoding: .utf8)
            let reopened = try AnalysisJournal(path: path, identity: Self.identity())
            #expect(Array(reopened.finished.keys) == ["a.weight"])
            #expect(try String(contentsOfFile: path, encoding: .utf8) == good)
        }
    }

    @Test(
        "a journal of another analysis → journalMismatch naming parameters.top_k with both values; the file is untouched"
    )
    func otherAnalysis() throws {
        try TestFiles.withFolder { folder in
            let path = folder + "/d.json.journal"
            _ = try AnalysisJournal(path: path, identity: Self.identity(topK: 10))
            let before = try Data(contentsOf: URL(fileURLWithPath: path))
            #expect(
                throws: AnalysisError.journalMismatch(
                    journal: path, field: "parameters.top_k", journalValue: "10", currentValue: "4")
            ) {
                _ = try AnalysisJournal(path: path, identity: Self.identity(topK: 4))
            }
            #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before)
            let fresh = try AnalysisJournal(path: path, identity: Self.identity(topK: 4), fresh: true)
            #expect(fresh.finished.isEmpty)
        }
    }

    @Test("a file that is not a journal → journalUnusable; an empty file or a torn first line starts a new journal")
    func notAJournal() throws {
        try TestFiles.withFolder { folder in
            let path = try TestFiles.write("{\"schema_version\": 1}\n", folder, "d.json.journal")
            #expect(throws: AnalysisError.self) { _ = try AnalysisJournal(path: path, identity: Self.identity()) }
            for start in ["", "0123456789abcdef {\"speclens_jour"] {
                try TestFiles.write(start, folder, "d.json.journal")
                #expect(try AnalysisJournal(path: path, identity: Self.identity()).finished.isEmpty)
                #expect(try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").count == 1)
            }
        }
    }
}
