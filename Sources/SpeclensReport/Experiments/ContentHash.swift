import Foundation

/// A short fingerprint of some bytes, to notice that an input changed between two builds: the
/// byte count and two 64-bit FNV-1a hashes (of the bytes, and of the bytes in reverse order),
/// as hexadecimal text. Not a cryptographic hash: it detects changes, it does not resist forgery.
enum ContentHash {
    /// `"<count>-<fnv1a>-<fnv1a of reversed>"`.
    static func of(_ bytes: Data) -> String {
        var forward: UInt64 = 0xcbf2_9ce4_8422_2325
        var backward: UInt64 = 0xcbf2_9ce4_8422_2325
        let prime: UInt64 = 0x0000_0100_0000_01b3
        bytes.withUnsafeBytes { (raw: UnsafeRawBufferPointer) in
            for byte in raw {
                forward = (forward ^ UInt64(byte)) &* prime
            }
            for byte in raw.reversed() {
                backward = (backward ^ UInt64(byte)) &* prime
            }
        }
        return "\(bytes.count)-" + hex(forward) + "-" + hex(backward)
    }

    /// The fingerprint of `text`'s UTF-8 bytes.
    static func of(_ text: String) -> String { of(Data(text.utf8)) }

    private static func hex(_ value: UInt64) -> String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }
}
