import Foundation
import SpeclensTestSupport
import Testing

@testable import SpeclensCheckpoints

/// Each malformed file is rejected with the specific error the reference reader's order implies.
@Suite("Safetensors header validation")
struct SafetensorsValidationTests {
    /// Writes `data` and opens it, returning the error thrown (or nil if it opened).
    private func openError(_ data: Data, _ folder: String) throws -> (CheckpointError?, String) {
        let path = try TestFiles.write(data, folder, "bad.safetensors")
        do {
            _ = try SafetensorsFile(path: path)
            return (nil, path)
        } catch let error as CheckpointError {
            return (error, path)
        }
    }

    private func tensorEntry(_ name: String, _ shape: [Int], _ begin: Int, _ end: Int, _ dtype: String = "F32")
        -> String
    {
        "\"\(name)\":{\"dtype\":\"\(dtype)\",\"shape\":\(shape),\"data_offsets\":[\(begin),\(end)]}"
    }

    @Test("A file shorter than 8 bytes → headerTooSmall with its size")
    func truncated() throws {
        try TestFiles.withFolder { folder in
            let (error, path) = try openError(Data([1, 0, 0, 0]), folder)
            #expect(error == .headerTooSmall(file: path, byteCount: 4))
        }
    }

    @Test("A header length above 100,000,000 → headerTooLarge, checked before the file size")
    func tooLarge() throws {
        try TestFiles.withFolder { folder in
            let (error, path) = try openError(TestFiles.raw(header: "{}", declaredLength: 100_000_001), folder)
            #expect(error == .headerTooLarge(file: path, headerLength: 100_000_001))
        }
    }

    @Test("A header length running past the end of the file → invalidHeaderLength")
    func pastEnd() throws {
        try TestFiles.withFolder { folder in
            let (error, path) = try openError(TestFiles.raw(header: "{}", declaredLength: 1000), folder)
            #expect(error == .invalidHeaderLength(file: path, headerLength: 1000, byteCount: 10))
        }
    }

    @Test(
        "Invalid UTF-8, invalid JSON, a non-object, an unknown dtype, a missing field, a negative offset or a duplicate name → invalidHeader",
        arguments: [
            ("bad UTF-8", "{\"a\u{FFFD}\":1}", "UTF-8"),
            ("bad JSON", "{\"w\": ", "JSON"),
            ("array", "[1, 2]", "object"),
            ("unknown dtype", "{\"w\":{\"dtype\":\"F12\",\"shape\":[1],\"data_offsets\":[0,4]}}", "F12"),
            ("no shape", "{\"w\":{\"dtype\":\"F32\",\"data_offsets\":[0,4]}}", "shape"),
            ("negative offset", "{\"w\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[-4,0]}}", "data_offsets"),
            ("fractional dimension", "{\"w\":{\"dtype\":\"F32\",\"shape\":[1.5],\"data_offsets\":[0,4]}}", "shape"),
            ("metadata not strings", "{\"__metadata__\":{\"k\":1}}", "__metadata__"),
            (
                "duplicate",
                "{\"w\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]},\"w\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[4,8]}}",
                "\"w\" appears more than once"
            ),
        ])
    func invalidHeader(label: String, header: String, mentions: String) throws {
        try TestFiles.withFolder { folder in
            var bytes = Array(header.utf8)
            if label == "bad UTF-8" {
                bytes = bytes.flatMap { $0 == 0xEF ? [UInt8(0xFF)] : ($0 == 0xBF || $0 == 0xBD ? [] : [$0]) }
            }
            var data = Data()
            withUnsafeBytes(of: UInt64(bytes.count).littleEndian) { data.append(contentsOf: $0) }
            data.append(contentsOf: bytes)
            data.append(contentsOf: [UInt8](repeating: 0, count: 8))
            let (error, path) = try openError(data, folder)
            guard case .invalidHeader(let file, let reason)? = error else {
                Issue.record("\(label): expected invalidHeader, got \(String(describing: error))")
                return
            }
            #expect(file == path)
            #expect(reason.contains(mentions), "\(label): \(reason)")
        }
    }

    @Test("Overlapping tensors → invalidOffset naming the second tensor and where it should begin")
    func overlapping() throws {
        try TestFiles.withFolder { folder in
            let header = "{\(self.tensorEntry("a", [2], 0, 8)),\(self.tensorEntry("b", [2], 4, 12))}"
            let (error, path) = try openError(
                TestFiles.raw(header: header, buffer: .init(repeating: 0, count: 12)), folder)
            #expect(error == .invalidOffset(file: path, tensor: "b", begin: 4, end: 12, expectedBegin: 8))
        }
    }

    @Test("A gap between tensors → invalidOffset")
    func gap() throws {
        try TestFiles.withFolder { folder in
            let header = "{\(self.tensorEntry("a", [2], 0, 8)),\(self.tensorEntry("b", [2], 12, 20))}"
            let (error, path) = try openError(
                TestFiles.raw(header: header, buffer: .init(repeating: 0, count: 20)), folder)
            #expect(error == .invalidOffset(file: path, tensor: "b", begin: 12, end: 20, expectedBegin: 8))
        }
    }

    @Test("An end offset before the begin offset → invalidOffset")
    func reversed() throws {
        try TestFiles.withFolder { folder in
            let header = "{\(self.tensorEntry("a", [1], 0, 4)),\(self.tensorEntry("c", [0], 4, 0))}"
            let (error, path) = try openError(
                TestFiles.raw(header: header, buffer: .init(repeating: 0, count: 4)), folder)
            #expect(error == .invalidOffset(file: path, tensor: "c", begin: 4, end: 0, expectedBegin: 4))
        }
    }

    @Test("A shape whose element or bit count overflows 64 bits → validationOverflow")
    func overflow() throws {
        try TestFiles.withFolder { folder in
            let huge = "{\(self.tensorEntry("big", [1 << 62, 4], 0, 0))}"
            let (error, path) = try openError(TestFiles.raw(header: huge), folder)
            #expect(error == .validationOverflow(file: path, tensor: "big", shape: [1 << 62, 4]))
            let bits = "{\(self.tensorEntry("bits", [1 << 60], 0, 0))}"
            let (bitsError, _) = try openError(TestFiles.raw(header: bits), folder)
            #expect(bitsError?.caseName == "validationOverflow")
        }
    }

    @Test("A byte range that does not equal elements × dtype size → tensorInvalidInfo with both sizes")
    func wrongLength() throws {
        try TestFiles.withFolder { folder in
            let header = "{\(self.tensorEntry("w", [3], 0, 8))}"
            let (error, path) = try openError(
                TestFiles.raw(header: header, buffer: .init(repeating: 0, count: 8)), folder)
            #expect(error == .tensorInvalidInfo(file: path, tensor: "w", expectedBytes: 12, actualBytes: 8))
        }
    }

    @Test("Data that does not fill the buffer → metadataIncompleteBuffer")
    func incompleteBuffer() throws {
        try TestFiles.withFolder { folder in
            let header = "{\(self.tensorEntry("w", [2], 0, 8))}"
            let (error, path) = try openError(
                TestFiles.raw(header: header, buffer: .init(repeating: 0, count: 12)), folder)
            #expect(error == .metadataIncompleteBuffer(file: path, dataEnd: 8, bufferLength: 12))
        }
    }

    @Test(
        "A file holding NaN and +Inf → nonFiniteValues with the count and first flat index; the message names file and tensor"
    )
    func nonFinite() throws {
        try TestFiles.withFolder { folder in
            let path = folder + "/nan.safetensors"
            var values = [Float](repeating: 1, count: 8)
            values[3] = .nan
            values[6] = .infinity
            try SafetensorsWriter.write(
                [(name: "layer.0.bad.weight", matrix: Matrix(rows: 2, columns: 4, values: values))], to: path)
            let file = try SafetensorsFile(path: path)
            let error = #expect(throws: CheckpointError.self) { try file.matrix("layer.0.bad.weight") }
            #expect(error == .nonFiniteValues(file: path, tensor: "layer.0.bad.weight", count: 2, firstIndex: 3))
            let message = error?.description ?? ""
            #expect(message.contains("nan.safetensors"))
            #expect(message.contains("layer.0.bad.weight"))
        }
    }

    @Test("An F64 value beyond the float32 range counts as non-finite")
    func float64Overflow() throws {
        try TestFiles.withFolder { folder in
            let header = #"{"d":{"dtype":"F64","shape":[1,2],"data_offsets":[0,16]}}"#
            let path = try TestFiles.write(
                TestFiles.raw(header: header, buffer: TestFiles.bytes([1, 1e300] as [Double])), folder, "d.safetensors")
            #expect(throws: CheckpointError.nonFiniteValues(file: path, tensor: "d", count: 1, firstIndex: 1)) {
                try SafetensorsFile(path: path).matrix("d")
            }
        }
    }

    @Test("matrix() refuses an unknown name, a 1-D tensor and an integer tensor with specific errors")
    func matrixRefusals() throws {
        try TestFiles.withFolder { folder in
            let header =
                #"{"ids":{"dtype":"I64","shape":[1,2],"data_offsets":[0,16]},"v":{"dtype":"F32","shape":[2],"data_offsets":[16,24]}}"#
            let path = try TestFiles.write(
                TestFiles.raw(header: header, buffer: .init(repeating: 0, count: 24)), folder, "t.safetensors")
            let file = try SafetensorsFile(path: path)
            #expect(throws: CheckpointError.tensorNotFound(file: path, tensor: "nope")) { try file.matrix("nope") }
            #expect(throws: CheckpointError.notAMatrix(file: path, tensor: "v", shape: [2])) { try file.matrix("v") }
            #expect(throws: CheckpointError.unsupportedDType(file: path, tensor: "ids", dtype: "I64")) {
                try file.matrix("ids")
            }
        }
    }

    @Test("A missing file or a folder → fileUnreadable naming the path")
    func unreadable() throws {
        try TestFiles.withFolder { folder in
            let missing = folder + "/none.safetensors"
            #expect(throws: CheckpointError.fileUnreadable(file: missing, reason: "no such file")) {
                try SafetensorsFile(path: missing)
            }
            let error = #expect(throws: CheckpointError.self) { try SafetensorsFile(path: folder) }
            #expect(error?.caseName == "fileUnreadable")
        }
    }

    @Test("Every error message names the file and, where relevant, the tensor")
    func messagesNameFileAndTensor() {
        let errors: [CheckpointError] = [
            .invalidOffset(file: "/x/m.safetensors", tensor: "t.weight", begin: 4, end: 8, expectedBegin: 0),
            .validationOverflow(file: "/x/m.safetensors", tensor: "t.weight", shape: [1, 2]),
            .tensorInvalidInfo(file: "/x/m.safetensors", tensor: "t.weight", expectedBytes: 8, actualBytes: 4),
            .tensorNotFound(file: "/x/m.safetensors", tensor: "t.weight"),
            .notAMatrix(file: "/x/m.safetensors", tensor: "t.weight", shape: [3]),
            .unsupportedDType(file: "/x/m.safetensors", tensor: "t.weight", dtype: "I8"),
            .nonFiniteValues(file: "/x/m.safetensors", tensor: "t.weight", count: 1, firstIndex: 0),
        ]
        for error in errors {
            #expect(error.description.contains("/x/m.safetensors"))
            #expect(error.description.contains("t.weight"))
        }
    }
}
