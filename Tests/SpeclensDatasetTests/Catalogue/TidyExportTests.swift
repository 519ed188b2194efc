import SpeclensDataset
import Testing

@Suite("The export carries every catalogued field, the run's label, tags and metrics")
struct TidyExportTests {
    @Test("Columns label, tag.NAME and metric.NAME; a full fine-tune's LoRA columns and missing tags are empty")
    func runColumns() throws {
        let table = try TidyExport(FullyPopulatedDataset.make())
        for column in [
            "label", "tag.dora", "tag.rank", "tag.task", "metric.accuracy", "lora_r", "lora_scale",
            "lora_subspace_similarity", "lora_a_alignment_0", "lora_a_alignment_1",
        ] {
            #expect(table.columns.contains(column), "\(column)")
        }
        let lines = table.csv.split(separator: "\n").map {
            $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        }
        let header = lines[0].map { $0.trimmingCharacters(in: ["\""]) }
        func cell(_ row: Int, _ column: String) throws -> String {
            let index = try #require(header.firstIndex(of: column), "\(column)")
            return lines[row][index].trimmingCharacters(in: ["\""])
        }
        // Rows: the LoRA run against the base, against its previous step, then the full run.
        #expect(try cell(1, "label") == "LoRA r=2" && cell(1, "tag.task") == "a" && cell(1, "tag.rank") == "2.0")
        #expect(try cell(1, "metric.accuracy") == "0.9" && cell(1, "lora_a_alignment_1") == "0.1")
        #expect(try cell(3, "run_id") == "full" && cell(3, "label") == "" && cell(3, "tag.task") == "")
        for column in header where column.hasPrefix("lora_") {
            #expect(try cell(3, column) == "", "a full fine-tune's \(column)")
        }
    }

    @Test("Every exported catalogue entry has its columns, in catalogue order")
    func catalogueOrder() throws {
        let table = try TidyExport(FullyPopulatedDataset.make())
        var position = 0
        for measure in MeasureCatalogue.exported {
            let name: String
            switch measure.export {
            case .column(let column): name = column
            case .columns(let columns): name = columns[0]
            case .perIndex(let column): name = column + "_0"
            case .perEpsilon(let column): name = column + "_eps_0.50"
            case .named(let prefix): name = table.columns.first { $0.hasPrefix(prefix) } ?? prefix
            case .notExported: continue
            }
            let index = table.columns.firstIndex(of: name)
            #expect(index != nil && index! >= position, "\(name)")
            position = index ?? position
        }
    }
}
