import Foundation
import SpeclensCheckpoints

/// Helpers to build files for tests in throw-away folders.
public enum TestFiles {
    /// Runs `body` with a fresh empty folder under the temporary directory, removed afterwards.
    public static func withFolder<T>(_ body: (String) throws -> T) throws -> T {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("speclens-ck-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: url) }
        return try body(url.path)
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
        try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent,
                                                withIntermediateDirectories: true)
        try data.write(to: URL(fileURLWithPath: path))
        return path
    }

    /// Writes `text` as UTF-8 to `folder/name` and returns the path.
    @discardableResult
    public static func write(_ text: String, _ folder: String, _ name: String) throws -> String {
        try write(Data(text.utf8), folder, name)
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
