import Foundation
import SpeclensTestSupport
import Testing

@testable import SpeclensCheckpoints

@Suite("Safetensors reading and writing")
struct SafetensorsRoundTripTests {
    @Test("F32 matrices written then read come back bit for bit, sorted by name, with metadata")
    func float32RoundTrip() throws {
        try TestFiles.withFolder { folder in
            let path = folder + "/m.safetensors"
            let a = Matrix(rows: 2, columns: 3, values: [1.5, -2, 0.1, 0x1p-140, -0.0, 65519.99])
            let b = TestFiles.ramp(4, 1, start: -2)
            try SafetensorsWriter.write(
                [(name: "z.weight", matrix: a), (name: "a.weight", matrix: b)],
                metadata: ["format": "pt"], to: path)
            let file = try SafetensorsFile(path: path)
            #expect(file.tensors.map(\.name) == ["a.weight", "z.weight"])
            #expect(file.metadata == ["format": "pt"])
            #expect(try file.matrix("z.weight") == a)
            #expect(try file.matrix("a.weight") == b)
            #expect(file.info("z.weight")?.shape == [2, 3])
            #expect(file.info("z.weight")?.dtype == .F32)
            #expect(file.info("z.weight")?.file == path)
        }
    }

    @Test("The writer pads the header with spaces to a multiple of 8 bytes and data follows it contiguously")
    func headerPadding() throws {
        try TestFiles.withFolder { folder in
            let path = folder + "/m.safetensors"
            try SafetensorsWriter.write([(name: "w", matrix: TestFiles.ramp(1, 3))], to: path)
            let data = try Data(contentsOf: URL(fileURLWithPath: path))
            let n = data.withUnsafeBytes { Int(UInt64(littleEndian: $0.loadUnaligned(as: UInt64.self))) }
            #expect(n % 8 == 0)
            #expect(data[8 + n - 1] == UInt8(ascii: " ") || data[8 + n - 1] == UInt8(ascii: "}"))
            let file = try SafetensorsFile(path: path)
            #expect(file.byteCount == 8 + n + 12)
            #expect(file.info("w")?.dataOffsets == (8 + n)..<(8 + n + 12))
        }
    }

    @Test("F16 round trip is exact for representable values (normal, subnormal, max) and rounds others to nearest")
    func float16RoundTrip() throws {
        try TestFiles.withFolder { folder in
            let path = folder + "/h.safetensors"
            let exact: [Float] = [0, 1, -2, 0.5, 1.0009765625, 65504, 0.00006103515625, 0.000000059604645, -1024]
            let m = Matrix(rows: 3, columns: 3, values: exact)
            try SafetensorsWriter.write([(name: "h", matrix: m)], to: path, dtype: .F16)
            let file = try SafetensorsFile(path: path)
            #expect(file.info("h")?.dtype == .F16)
            #expect(file.info("h")?.dataOffsets.count == 18)
            #expect(try file.matrix("h").values == exact)

            let rounded = folder + "/r.safetensors"
            try SafetensorsWriter.write(
                [(name: "r", matrix: Matrix(rows: 1, columns: 1, values: [0.1]))], to: rounded, dtype: .F16)
            #expect(try SafetensorsFile(path: rounded).matrix("r").values == [0.0999755859375])
        }
    }

    @Test("BF16 round trip is exact for bfloat16 values, stores the upper 16 bits, and rounds ties to even")
    func bfloat16RoundTrip() throws {
        try TestFiles.withFolder { folder in
            let path = folder + "/b.safetensors"
            let exact: [Float] = [1, -3.140625, 0x1p100, 0x1p-126, 0, 448]
            // 1 + 2^-8 lies halfway between bf16 neighbours 1 and 1 + 2^-7: ties to even gives 1.
            let values = exact + [1.00390625, 1.01171875]
            try SafetensorsWriter.write(
                [(name: "b", matrix: Matrix(rows: 2, columns: 4, values: values))],
                to: path, dtype: .BF16)
            let file = try SafetensorsFile(path: path)
            #expect(try file.matrix("b").values == exact + [1, 1.015625])
            let info = try #require(file.info("b"))
            let data = try Data(contentsOf: URL(fileURLWithPath: path))
            #expect(Array(data[info.dataOffsets.lowerBound..<(info.dataOffsets.lowerBound + 2)]) == [0x80, 0x3F])
        }
    }

    @Test("The F16 lookup table gives Float16's own float32 value for all 65,536 bit patterns (NaNs stay NaN)")
    func halfTable() {
        let table = FloatDecoding.halfToFloat
        #expect(table.count == 65536)
        var mismatches = 0
        for bits in 0...0xFFFF {
            let expected = Float(Float16(bitPattern: UInt16(bits)))
            let actual = table[bits]
            if !(actual.bitPattern == expected.bitPattern || (actual.isNaN && expected.isNaN)) { mismatches += 1 }
        }
        #expect(mismatches == 0)
        #expect(table[0x3C00] == 1)
        #expect(table[0x0001] == 0x1p-24)
        #expect(table[0x7C00] == .infinity)
    }

    @Test("F64 tensors are read and rounded to float32")
    func float64Read() throws {
        try TestFiles.withFolder { folder in
            let header = #"{"d":{"dtype":"F64","shape":[2,2],"data_offsets":[0,32]}}"#
            let values: [Double] = [1, -0.5, 1e-3, 12345.678]
            let path = try TestFiles.write(
                TestFiles.raw(header: header, buffer: TestFiles.bytes(values)), folder, "d.safetensors")
            #expect(try SafetensorsFile(path: path).matrix("d").values == values.map { Float($0) })
        }
    }

    @Test("A header whose length is not a multiple of 8 (unaligned data) is read correctly")
    func unalignedHeader() throws {
        try TestFiles.withFolder { folder in
            let header = #"{"w":{"dtype":"F32","shape":[1,3],"data_offsets":[0,12]}}"#
            #expect(header.utf8.count % 8 != 0)
            let path = try TestFiles.write(
                TestFiles.raw(header: header, buffer: TestFiles.bytes([1, 2, 3] as [Float])), folder, "u.safetensors")
            #expect(try SafetensorsFile(path: path).matrix("w").values == [1, 2, 3])
            let half = #"{"h":{"dtype":"F16","shape":[1,2],"data_offsets":[0,4]}} "#
            let halfPath = try TestFiles.write(
                TestFiles.raw(header: half, buffer: [0x00, 0x3C, 0x00, 0xC0]), folder, "h.safetensors")
            #expect(try SafetensorsFile(path: halfPath).matrix("h").values == [1, -2])
        }
    }

    @Test("Leading and trailing JSON whitespace in the header is accepted")
    func headerWhitespace() throws {
        try TestFiles.withFolder { folder in
            let header =
                " \n\t{\"__metadata__\":{\"k\":\"v\"}, \"w\":{\"dtype\":\"F32\",\"shape\":[1,1],\"data_offsets\":[0,4]}}\n  "
            let path = try TestFiles.write(
                TestFiles.raw(header: header, buffer: TestFiles.bytes([7] as [Float])), folder, "w.safetensors")
            let file = try SafetensorsFile(path: path)
            #expect(file.metadata == ["k": "v"])
            #expect(try file.matrix("w").values == [7])
        }
    }

    @Test(
        "Sub-byte dtypes occupy ceil(elements × bits / 8) bytes: F4 [3] → 2 bytes, F6 [5] → 4 bytes; a scalar [] is one element"
    )
    func subByteSizes() throws {
        try TestFiles.withFolder { folder in
            let header =
                #"{"f4":{"dtype":"F4","shape":[3],"data_offsets":[0,2]},"f6":{"dtype":"F6_E2M3","shape":[5],"data_offsets":[2,6]},"s":{"dtype":"I64","shape":[],"data_offsets":[6,14]}}"#
            let path = try TestFiles.write(
                TestFiles.raw(header: header, buffer: [UInt8](repeating: 0, count: 14)), folder, "q.safetensors")
            let file = try SafetensorsFile(path: path)
            #expect(file.tensors.map(\.dtype) == [.F4, .F6_E2M3, .I64])
        }
    }

    @Test("An empty header {} with no data is a valid file with no tensors")
    func emptyFile() throws {
        try TestFiles.withFolder { folder in
            let path = try TestFiles.write(TestFiles.raw(header: "{}      "), folder, "e.safetensors")
            #expect(try SafetensorsFile(path: path).tensors.isEmpty)
        }
    }

    @Test("Every dtype header string parses, with its documented bit size")
    func dtypeSizes() {
        #expect(TensorDType.allCases.count == 22)
        for dtype in TensorDType.allCases {
            #expect(TensorDType(rawValue: dtype.rawValue) == dtype)
        }
        #expect(TensorDType.F4.bitsPerElement == 4)
        #expect(TensorDType.F6_E3M2.bitsPerElement == 6)
        #expect(TensorDType.BF16.bitsPerElement == 16)
        #expect(TensorDType.C64.bitsPerElement == 64)
        #expect(TensorDType.allCases.filter(\.isSupportedMatrixType) == [.F16, .BF16, .F32, .F64])
    }

    @Test("The writer refuses dtypes other than F32, F16, BF16, and duplicate tensor names")
    func writerRefusals() throws {
        try TestFiles.withFolder { folder in
            let path = folder + "/x.safetensors"
            let m = TestFiles.ramp(1, 1)
            #expect(throws: CheckpointError.unsupportedDType(file: path, tensor: "w", dtype: "I8")) {
                try SafetensorsWriter.write([(name: "w", matrix: m)], to: path, dtype: .I8)
            }
            let error = #expect(throws: CheckpointError.self) {
                try SafetensorsWriter.write([(name: "w", matrix: m), (name: "w", matrix: m)], to: path)
            }
            #expect(error?.caseName == "writeFailed")
            #expect(!FileManager.default.fileExists(atPath: path))
        }
    }
}
