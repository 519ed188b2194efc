import Foundation
import SpeclensDataset
import Testing

@testable import SpeclensReport

@Suite("Dataset index")
struct DatasetIndexTests {
    @Test("runs are found by id and position, base matrices and each run's comparisons by name")
    func lookups() throws {
        let dataset = Fixtures.dataset()
        let index = try DatasetIndex(dataset)
        let name = dataset.base.matrices[2].name
        #expect(index.runPosition(RunID("lora-r4")) == 1)
        #expect(index.runPosition(RunID("nothing")) == nil)
        #expect(index.basePositions[name] == 2)
        #expect(index.base(named: name) == dataset.base.matrices[2])
        #expect(index.comparison(run: 1, matrix: name) == dataset.runs[1].matrices[2])
        #expect(index.comparisons(run: 0).count == 4)
        #expect(index.comparison(run: 0, matrix: "not.a.matrix") == nil)
    }

    /// The fixture dataset with one key repeated: a run id, a base matrix name or a matrix name
    /// within a run; and the message naming it.
    static func repeating(_ key: String) -> (dataset: SpectralDataset, message: String) {
        var dataset = Fixtures.dataset()
        switch key {
        case "run id":
            dataset.runs[1].id = dataset.runs[0].id
            return (dataset, "runs[1] repeats the run id full-ft of runs[0]")
        case "base matrix name":
            dataset.base.matrices.append(dataset.base.matrices[1])
            return (
                dataset,
                "base.matrices[4] repeats the matrix name encoder.layer.0.attention.self.value.weight of base.matrices[1]"
            )
        default:
            dataset.runs[1].matrices.insert(dataset.runs[1].matrices[3], at: 1)
            return (
                dataset,
                "runs[1].matrices[4] repeats the matrix name encoder.layer.1.attention.self.value.weight of runs[1].matrices[1]"
            )
        }
    }

    @Test(
        "a repeated run id or matrix name is an inconsistency naming it, not a first-wins lookup",
        arguments: ["run id", "base matrix name", "matrix name in a run"])
    func repeated(key: String) throws {
        let (dataset, message) = Self.repeating(key)
        #expect(throws: DatasetError.inconsistent(reason: message)) { try DatasetIndex(dataset) }
        #expect(dataset.inconsistency == message)
        // Read from a file, the dataset is refused like any other inconsistent one.
        #expect(throws: DatasetError.malformed(path: "d.json", reason: message)) {
            try DatasetCoding.decode(DatasetCoding.encode(dataset), path: "d.json")
        }
        // Given in memory, the report refuses it before writing anything.
        let output = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: output) }
        #expect(throws: DatasetError.inconsistent(reason: message)) {
            try SiteGenerator().generate(dataset, into: output)
        }
        #expect(Fixtures.files(in: output).isEmpty)
    }
}
