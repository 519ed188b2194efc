import SpeclensCheckpoints
import Testing

@Suite("XXH64, the cache payload checksum, against the reference implementation's values")
struct XXHash64Tests {
    func hash(_ bytes: [UInt8], pieces: [Int] = []) -> UInt64 {
        var hasher = XXHash64()
        var start = 0
        for size in pieces + [bytes.count] {
            let end = min(bytes.count, start + size)
            bytes[start..<end].withUnsafeBytes { hasher.update($0) }
            start = end
        }
        return hasher.finalize()
    }

    /// The input of 773 bytes: 0…255 three times, then "xyz12".
    static let long = Array((0..<768).map { UInt8($0 % 256) }) + Array("xyz12".utf8)

    @Test(
        "the values of Python's xxhash 3.x (xxh64, seed 0): \"\" → ef46db3751d8e999, \"a\" → d24ec4f1a98c6e5b, \"abc\" → 44bc2cf5ad770999, 773 bytes → 9b7d50c047818b1b"
    )
    func knownValues() {
        #expect(hash([]) == 0xEF46_DB37_51D8_E999)
        #expect(hash(Array("a".utf8)) == 0xD24E_C4F1_A98C_6E5B)
        #expect(hash(Array("abc".utf8)) == 0x44BC_2CF5_AD77_0999)
        #expect(hash(Self.long) == 0x9B7D_50C0_4781_8B1B)
    }

    @Test(
        "fed in pieces of 1, 5, 31, 32, 33 and 100 bytes, the hash of the 773 bytes is the same",
        arguments: [1, 5, 31, 32, 33, 100])
    func incremental(piece: Int) {
        #expect(hash(Self.long, pieces: Array(repeating: piece, count: 773 / piece)) == 0x9B7D_50C0_4781_8B1B)
    }

    @Test("flipping one bit anywhere in the 773 bytes changes the hash", arguments: [0, 31, 32, 400, 772])
    func detectsOneBit(position: Int) {
        var damaged = Self.long
        damaged[position] ^= 0x10
        #expect(hash(damaged) != hash(Self.long))
    }
}
