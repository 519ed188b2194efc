import Foundation
import SpeclensDataset
import Testing

@Suite("Tidy export of a dataset with a stack: rows against the previous step")
struct StackExportTests {
    @Test(
        "A stack dataset's table has a reference column; each step k ≥ 2 adds one previous_step row per matrix with the numbers of against_previous_step, after its base rows"
    )
    func previousStepRows() throws {
        let dataset = PreviousStepReportTests.dataset()
        let table = try TidyExport(dataset)
        #expect(table.columns.prefix(2) == ["run_id", "reference"])
        let step = try #require(dataset.runs.first { $0.againstPreviousStep != nil })
        let previous = try #require(step.againstPreviousStep)
        #expect(table.rows.count == dataset.runs.reduce(0) { $0 + $1.matrices.count } + previous.matrices.count)
        func text(_ row: [(String, TidyExport.Value)], _ column: String) -> String? {
            switch row.first(where: { $0.0 == column })?.1 {
            case .text(let value)?, .number(let value)?: return value
            case .numbers(let list)?: return list.joined(separator: ",")
            default: return nil
            }
        }
        let rows = table.rows.filter { text($0, "run_id") == step.id.rawValue }
        #expect(
            rows.map { text($0, "reference") } == Array(repeating: "base", count: step.matrices.count)
                + Array(repeating: "previous_step", count: previous.matrices.count))
        for (row, matrix) in zip(rows.dropFirst(step.matrices.count), previous.matrices) {
            #expect(text(row, "matrix") == matrix.name)
            #expect(text(row, "intruders") == String(matrix.intruders))
            #expect(text(row, "max_cos") == matrix.maxCosineTopK.map { "\($0)" }.joined(separator: ","))
            #expect(text(row, "effective_rank") == matrix.effectiveRank.map { "\($0)" })
        }
        // The first matrix's vectors at 0.2 and 0.3 are the two intruders against step 1 at ε = 0.5.
        #expect(text(rows[step.matrices.count], "intruders_eps_0.50") == "2")
        let csv = table.csv.split(separator: "\n")
        #expect(csv.count == table.rows.count + 1)
        #expect(csv[0].hasPrefix(#""run_id","reference","label","run_kind","#))
    }

    @Test("A dataset without stacks has neither the reference column nor extra rows")
    func noStacksNoReference() throws {
        var dataset = PreviousStepReportTests.dataset()
        for index in dataset.runs.indices { dataset.runs[index].againstPreviousStep = nil }
        let table = try TidyExport(dataset)
        #expect(!table.columns.contains("reference"))
        #expect(table.columns.first == "run_id" && table.columns.dropFirst().first == "label")
        #expect(table.rows.count == dataset.runs.reduce(0) { $0 + $1.matrices.count })
    }
}
