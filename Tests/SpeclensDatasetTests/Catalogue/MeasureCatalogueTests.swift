import Foundation
import SpeclensDataset
import Testing

@Suite("The measure catalogue covers every per-run and per-matrix field of the dataset")
struct MeasureCatalogueTests {
    @Test("Every key under base.matrices[] and runs[] of a fully populated dataset is catalogued, as exported or not")
    func everyKeyIsCatalogued() throws {
        let json = try JSONSerialization.jsonObject(with: DatasetCoding.encode(FullyPopulatedDataset.make()))
        let root = try #require(json as? [String: Any])
        var paths: [String] = []
        collect((root["base"] as? [String: Any])?["matrices"], path: "base.matrices[]", into: &paths)
        collect(root["runs"], path: "runs[]", into: &paths)
        let missing = paths.filter { MeasureCatalogue.entry(atPath: $0) == nil }
        #expect(
            missing.isEmpty, "not in the catalogue (add an entry, exported or .notExported with a reason): \(missing)")
    }

    @Test("Every catalogued path exists in a fully populated dataset (no entry for a field that is gone)")
    func noDeadEntries() throws {
        let json = try JSONSerialization.jsonObject(with: DatasetCoding.encode(FullyPopulatedDataset.make()))
        let root = try #require(json as? [String: Any])
        var present: [String] = []
        collect((root["base"] as? [String: Any])?["matrices"], path: "base.matrices[]", into: &present, all: true)
        collect(root["runs"], path: "runs[]", into: &present, all: true)
        let dead = MeasureCatalogue.all.compactMap(\.path).filter { !present.contains($0) }
        #expect(dead.isEmpty, "catalogued but not in the dataset: \(dead)")
    }

    @Test("An exported entry has a reader and a not-exported one has none; keys and columns are unique")
    func entriesAreWellFormed() throws {
        for measure in MeasureCatalogue.all {
            #expect((measure.read != nil) == measure.export.isExported, "\(measure.record.rawValue) \(measure.key)")
            #expect(!measure.doc.isEmpty && !measure.label.isEmpty, "\(measure.key)")
        }
        let paths = MeasureCatalogue.all.map { "\($0.record.rawValue).\($0.key)" }
        #expect(Set(paths).count == paths.count)
        let columns = try TidyExport(FullyPopulatedDataset.make()).columns
        #expect(Set(columns).count == columns.count)
    }

    /// The paths under `value` (an object, or an array of objects, at `path`): an object or array
    /// with catalogued fields below it is walked into, anything else is a leaf. With `all`, every
    /// path met, containers too; else the leaves.
    private func collect(_ value: Any?, path: String, into paths: inout [String], all: Bool = false) {
        if let list = value as? [Any] {
            for element in list { collect(element, path: path, into: &paths, all: all) }
            return
        }
        guard let object = value as? [String: Any] else { return }
        for (key, child) in object {
            let childPath = "\(path).\(key)"
            let catalogued = MeasureCatalogue.all.compactMap(\.path)
            let container = catalogued.contains { $0.hasPrefix(childPath + ".") || $0.hasPrefix(childPath + "[].") }
            if all || !container { paths.append(childPath) }
            if container {
                collect(child, path: child is [Any] ? childPath + "[]" : childPath, into: &paths, all: all)
            }
        }
    }
}
