import Foundation
import SpeclensCheckpoints

/// Helpers to build files for tests in throw-away folders.
public enum TestFiles {
    /// Runs `body` with a fresh empty folder under the temporary directory, removed afterwards.
    public static func withFolder<T>(_ body: (String) throws -> T) throws -> T {
        let path = try freshFolder("speclens-ck")
        defer { try? FileManager.default.removeItem(atPath: path) }
        return try body(path)
    }

    /// A fresh empty folder under the temporary directory, named `PREFIX-UUID`; the caller
    /// removes it.
    public static func freshFolder(_ prefix: String) throws -> String {
        let path = FileManager.default.temporaryDirectory.appending(path: "\(prefix)-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    /// Every file below `folder` (not the folders themselves; links followed), as paths
    /// relative to it, sorted.
    public static func files(below folder: String) -> [String] {
        var result: [String] = []
        guard let walk = FileManager.default.enumerator(atPath: folder) else { return result }
        while let path = walk.nextObject() as? String {
            var isDirectory: ObjCBool = false
            _ = FileManager.default.fileExists(atPath: folder + "/" + path, isDirectory: &isDirectory)
            if !isDirectory.boolValue { result.append(path) }
        }
        return result.sorted()
    }

    /// The contents of every file below `folder`, by relative path: a snapshot to compare a
    /// folder before and after.
    public static func tree(_ folder: String) -> [String: Data] {
        var result: [String: Data] = [:]
        for path in files(below: folder) { result[path] = FileManager.default.contents(atPath: folder + "/" + path) }
        return result
    }

    /// The bytes of a hand-made safetensors file: the 8-byte little-endian length (`declaredLength`,
    /// or the real header length), the header text, then `buffer`.
    public static func raw(header: String, buffer: [UInt8] = [], declaredLength: UInt64? = nil) -> Data {
        let headerBytes = Array(header.utf8)
        var data = Data()
        withUnsafeBytes(of: (declaredLength ?? UInt64(headerBytes.count)).littleEndian) { data.append(contentsOf: $0) }
        data.append(contentsOf: headerBytes)
        data.append(contentsOf: buffer)
        return data
    }

    /// Little-endian bytes of float32 values.
    public static func bytes(_ values: [Float]) -> [UInt8] {
        values.flatMap { value in withUnsafeBytes(of: value.bitPattern.littleEndian) { Array($0) } }
    }

    /// Little-endian bytes of float64 values.
    public static func bytes(_ values: [Double]) -> [UInt8] {
        values.flatMap { value in withUnsafeBytes(of: value.bitPattern.littleEndian) { Array($0) } }
    }

    /// Writes `data` to `folder/name` and returns the path.
    @discardableResult
    public static func write(_ data: Data, _ folder: String, _ name: String) throws -> String {
        let path = (folder as NSString).appendingPathComponent(name)
        try FileManager.default.createDirectory(
            atPath: (path as NSString).deletingLastPathComponent,
            withIntermediateDirectories: true)
        try data.write(to: URL(fileURLWithPath: path))
        return path
    }

    /// Writes `text` as UTF-8 to `folder/name` and returns the path.
    @discardableResult
    public static func write(_ text: String, _ folder: String, _ name: String) throws -> String {
        try write(Data(text.utf8), folder, name)
    }

    /// Copies the safetensors file `source` to `destination` with the same tensors and data bytes
    /// under a rewritten header that adds `__metadata__` entry `resaved: "speclens test"`: a
    /// checkpoint equal to `source` in every value but not byte for byte (as a re-save would be).
    public static func resavedCopy(of source: String, to destination: String) throws {
        let data = try Data(contentsOf: URL(fileURLWithPath: source))
        let length = Int(data.prefix(8).withUnsafeBytes { UInt64(littleEndian: $0.loadUnaligned(as: UInt64.self)) })
        var header = try JSONSerialization.jsonObject(with: data.subdata(in: 8..<(8 + length))) as! [String: Any]
        var metadata = header["__metadata__"] as? [String: String] ?? [:]
        metadata["resaved"] = "speclens test"
        header["__metadata__"] = metadata
        let text = String(
            decoding: try JSONSerialization.data(withJSONObject: header, options: [.sortedKeys]), as: UTF8.self)
        let padded = text + String(repeating: " ", count: (8 - text.utf8.count % 8) % 8)
        var copy = raw(header: padded)
        copy.append(data.subdata(in: (8 + length)..<data.count))
        try FileManager.default.createDirectory(
            atPath: (destination as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try copy.write(to: URL(fileURLWithPath: destination))
    }

    /// A sharded base (`folder/base`: `model.a.weight` in F16, `model.b.weight` in BF16) and a
    /// sharded full fine-tune of it (`folder/tuned`: the bare names `a.weight` in F32 and
    /// `b.weight` in BF16), each with its `model.safetensors.index.json`; every value is exact in
    /// its dtype.
    public static func writeMixedDTypeShards(_ folder: String) throws {
        for sub in ["base", "tuned"] {
            try FileManager.default.createDirectory(atPath: folder + "/" + sub, withIntermediateDirectories: true)
        }
        try SafetensorsWriter.write(
            [(name: "model.a.weight", matrix: ramp(2, 3))], to: folder + "/base/s1.safetensors", dtype: .F16)
        try SafetensorsWriter.write(
            [(name: "model.b.weight", matrix: ramp(3, 2))], to: folder + "/base/s2.safetensors", dtype: .BF16)
        try write(
            #"{"weight_map":{"model.a.weight":"s1.safetensors","model.b.weight":"s2.safetensors"}}"#, folder,
            "base/model.safetensors.index.json")
        try SafetensorsWriter.write(
            [(name: "a.weight", matrix: ramp(2, 3, start: 1))], to: folder + "/tuned/t1.safetensors", dtype: .F32)
        try SafetensorsWriter.write(
            [(name: "b.weight", matrix: ramp(3, 2, start: 1))], to: folder + "/tuned/t2.safetensors", dtype: .BF16)
        try write(
            #"{"weight_map":{"a.weight":"t1.safetensors","b.weight":"t2.safetensors"}}"#, folder,
            "tuned/model.safetensors.index.json")
    }

    /// A `rows × columns` matrix whose values are `start, start + 1, …` (row-major).
    public static func ramp(_ rows: Int, _ columns: Int, start: Float = 0) -> Matrix {
        Matrix(rows: rows, columns: columns, values: (0..<(rows * columns)).map { start + Float($0) })
    }
}

extension Error {
    /// The case name of an error enum value (e.g. "invalidOffset"), to check the kind of an error
    /// without its details.
    public var caseName: String {
        Mirror(reflecting: self).children.first?.label ?? String(describing: self)
    }
}
