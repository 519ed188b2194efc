import Foundation

/// A minimal ZIP writer for tests and the pickle fuzz target: stored entries, local headers, a central directory
/// and its end record (CRC left at zero; the reader under test does not check it).
public enum StoredZip {
    /// A storage of 64 float32 values (0, 1, 2, …).
    static let storage = Data((0..<64).flatMap { withUnsafeBytes(of: Float($0).bitPattern.littleEndian, Array.init) })

    /// A torch-style archive around `pickle`: `archive/data.pkl`, `archive/byteorder` (little)
    /// and storages `0`, `1` and `2` (64 float32 values each), as the pickle fuzz target builds it.
    public static func torchArchive(pickle: Data) -> Data {
        archive([
            ("archive/data.pkl", pickle), ("archive/byteorder", Data("little".utf8)),
            ("archive/data/0", storage), ("archive/data/1", storage), ("archive/data/2", storage),
        ])
    }

    public static func archive(_ entries: [(String, Data)]) -> Data {
        var file = Data()
        var directory = Data()
        func append16(_ value: Int, _ data: inout Data) {
            data.append(contentsOf: [UInt8(value & 0xFF), UInt8(value >> 8 & 0xFF)])
        }
        func append32(_ value: Int, _ data: inout Data) {
            for shift in [0, 8, 16, 24] { data.append(UInt8(value >> shift & 0xFF)) }
        }
        for (name, bytes) in entries {
            let offset = file.count
            let nameBytes = Data(name.utf8)
            append32(0x0403_4B50, &file)
            for value in [20, 0, 0, 0, 0] { append16(value, &file) }  // version, flags, method, time, date
            for value in [0, bytes.count, bytes.count] { append32(value, &file) }  // crc, sizes
            append16(nameBytes.count, &file)
            append16(0, &file)
            file += nameBytes + bytes
            append32(0x0201_4B50, &directory)
            for value in [20, 20, 0, 0, 0, 0] { append16(value, &directory) }
            for value in [0, bytes.count, bytes.count] { append32(value, &directory) }
            for value in [nameBytes.count, 0, 0, 0, 0] { append16(value, &directory) }
            append32(0, &directory)
            append32(offset, &directory)
            directory += nameBytes
        }
        let directoryOffset = file.count
        file += directory
        append32(0x0605_4B50, &file)
        for value in [0, 0, entries.count, entries.count] { append16(value, &file) }
        append32(directory.count, &file)
        append32(directoryOffset, &file)
        append16(0, &file)
        return file
    }
}
