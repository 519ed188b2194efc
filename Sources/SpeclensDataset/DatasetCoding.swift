import Foundation
import SpeclensOutput

/// Reads and writes datasets as deterministic JSON: `snake_case` keys in sorted order, no
/// timestamps, compact, so that the same dataset always gives the same bytes.
public enum DatasetCoding {
    /// The JSON bytes of `dataset`, ending with a newline.
    public static func encode(_ dataset: SpectralDataset) throws -> Data {
        try deterministicJSON(dataset)
    }

    /// Any value of the dataset's vocabulary in the dataset's JSON conventions: `snake_case` keys
    /// in sorted order, compact, unescaped slashes, a final newline.
    public static func deterministicJSON(_ value: some Encodable) throws -> Data {
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        var data = try encoder.encode(value)
        data.append(UInt8(ascii: "\n"))
        return data
    }

    /// Decodes a dataset, checking its schema version and then its consistency
    /// (``SpectralDataset/inconsistency``). `path` only names the source in errors.
    public static func decode(_ data: Data, path: String) throws -> SpectralDataset {
        struct VersionProbe: Decodable { var schemaVersion: Int? }
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        let probe: VersionProbe
        do {
            probe = try decoder.decode(VersionProbe.self, from: data)
        } catch {
            throw DatasetError.malformed(path: path, reason: "not a JSON object (\(error))")
        }
        guard let version = probe.schemaVersion else {
            throw DatasetError.malformed(path: path, reason: "no schema_version field")
        }
        guard version <= SpectralDataset.currentSchemaVersion else {
            throw DatasetError.unsupportedSchemaVersion(
                path: path, found: version, supported: SpectralDataset.currentSchemaVersion)
        }
        let dataset: SpectralDataset
        do {
            dataset = try decoder.decode(SpectralDataset.self, from: data)
        } catch let DecodingError.keyNotFound(key, context) {
            throw DatasetError.malformed(
                path: path, reason: "missing field \(key.stringValue) at \(pathText(context))")
        } catch let DecodingError.typeMismatch(_, context), let DecodingError.valueNotFound(_, context) {
            throw DatasetError.malformed(
                path: path, reason: "\(context.debugDescription) at \(pathText(context))")
        } catch {
            throw DatasetError.malformed(path: path, reason: "\(error)")
        }
        if let problem = dataset.inconsistency {
            throw DatasetError.malformed(path: path, reason: problem)
        }
        return dataset
    }

    /// Reads and decodes the dataset at `path`.
    public static func read(from path: String) throws -> SpectralDataset {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw DatasetError.unreadable(path: path, reason: "no such file or not readable")
        }
        return try decode(data, path: path)
    }

    /// Writes `dataset` to `path` atomically and durably (``DurableWrite``): an existing file is
    /// replaced only once the new one is complete and on the disk.
    public static func write(_ dataset: SpectralDataset, to path: String) throws {
        let data: Data
        do {
            data = try encode(dataset)
        } catch {
            throw DatasetError.unwritable(path: path, reason: "cannot encode: \(error)")
        }
        do {
            try DurableWrite.write(data, to: path)
        } catch OutputError.unwritable(_, let reason) {
            throw DatasetError.unwritable(path: path, reason: reason)
        }
    }

    private static func pathText(_ context: DecodingError.Context) -> String {
        let path = context.codingPath.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }
        return path.isEmpty ? "top level" : path.joined()
    }
}
