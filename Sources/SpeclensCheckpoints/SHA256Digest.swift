/// A SHA-256 digest: 32 bytes, from ``SHA256Hasher``.
public struct SHA256Digest: Sendable, Hashable {
    /// The digest's 32 bytes, in the order SHA-256 defines.
    public let bytes: [UInt8]

    /// The number of bytes of a SHA-256 digest.
    public static let byteCount = 32

    init(bytes: [UInt8]) {
        precondition(bytes.count == Self.byteCount, "a SHA-256 digest has 32 bytes")
        self.bytes = bytes
    }

    /// The digest of `bytes` in one go.
    public static func of(_ bytes: UnsafeRawBufferPointer) -> SHA256Digest {
        var hasher = SHA256Hasher()
        hasher.update(bytes)
        return hasher.finalize()
    }

    /// The digest of the UTF-8 bytes of `text`.
    public static func of(_ text: String) -> SHA256Digest {
        var hasher = SHA256Hasher()
        hasher.update(text)
        return hasher.finalize()
    }

    /// The digest as 64 lower-case hexadecimal digits.
    public var hex: String {
        let digits = Array("0123456789abcdef".utf8)
        var text: [UInt8] = []
        text.reserveCapacity(2 * bytes.count)
        for byte in bytes {
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: text, as: UTF8.self)
    }

    /// The first 8 bytes read as a native-endian integer (a short content hash).
    public var leadingWord: UInt64 {
        bytes.withUnsafeBytes { $0.loadUnaligned(as: UInt64.self) }
    }
}
