import Foundation
import SpeclensCheckpoints
import SpeclensTestSupport
import Testing

@Suite("SHA-256 from libcrypto, against the standard's test vectors and the digests speclens stored before")
struct SHA256HasherTests {
    /// The digest of `bytes` fed in pieces of `piece` bytes (all at once when nil).
    func digest(_ bytes: [UInt8], piece: Int? = nil) -> SHA256Digest {
        var hasher = SHA256Hasher()
        var start = 0
        repeat {
            let end = min(bytes.count, start + (piece ?? bytes.count))
            bytes[start..<end].withUnsafeBytes { hasher.update($0) }
            start = end
        } while start < bytes.count
        return hasher.finalize()
    }

    @Test("FIPS 180-2 vectors: \"\", \"abc\" and the 448-bit message")
    func knownVectors() {
        #expect(digest([]).hex == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(SHA256Digest.of("abc").hex == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(
            SHA256Digest.of("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq").hex
                == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
        #expect(SHA256Digest.of("").bytes.count == 32)
    }

    @Test("fed in pieces, a million 'a' give the standard's digest", arguments: [1_000, 999, 64, 65])
    func millionA(piece: Int) {
        #expect(
            digest(Array(repeating: UInt8(ascii: "a"), count: 1_000_000), piece: piece).hex
                == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }

    @Test("updates with text, raw bytes and Data append: \"a\", \"b\", \"c\" hash as \"abc\"")
    func mixedUpdates() {
        var hasher = SHA256Hasher()
        hasher.update("a")
        [UInt8(ascii: "b")].withUnsafeBytes { hasher.update($0) }
        hasher.update(contentsOf: Data("c".utf8))
        #expect(hasher.finalize() == SHA256Digest.of("abc"))
    }

    @Test("the leading word is the first 8 bytes, little-endian on this machine")
    func leadingWord() {
        #expect(SHA256Digest.of("abc").leadingWord == 0xEACF_018F_BF16_78BA)
    }

    @Test(
        "a tensor's content hash is the leading word of SHA-256 of \"F32[2,3]\" and its bytes, as before (Python's hashlib)"
    )
    func tensorContentHash() throws {
        try TestFiles.withFolder { folder in
            let path = folder + "/m.safetensors"
            try SafetensorsWriter.write([("m", Matrix(rows: 2, columns: 3, values: [1, 2, 3, 4, 5, 6]))], to: path)
            #expect(try SafetensorsFile(path: path).contentHash("m") == 0x45BF_5D68_F849_31CA)
        }
    }
}
