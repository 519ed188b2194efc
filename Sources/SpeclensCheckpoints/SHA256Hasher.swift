import CLibcrypto
import Foundation

/// SHA-256 computed incrementally by OpenSSL's libcrypto (its EVP digest API, assembly with the
/// CPU's SHA or vector extensions): ``update(_:)-(UnsafeRawBufferPointer)`` any number of times,
/// then ``finalize()`` once.
public struct SHA256Hasher: ~Copyable {
    /// The EVP digest context, owned by this hasher and freed with it.
    private let context: OpaquePointer

    /// A hasher with nothing hashed yet.
    public init() {
        guard let context = EVP_MD_CTX_new(), EVP_DigestInit_ex(context, EVP_sha256(), nil) == 1 else {
            fatalError("libcrypto could not set up a SHA-256 digest")
        }
        self.context = context
    }

    deinit {
        EVP_MD_CTX_free(context)
    }

    /// Hashes `bytes` after everything hashed so far.
    public mutating func update(_ bytes: UnsafeRawBufferPointer) {
        guard let base = bytes.baseAddress, !bytes.isEmpty else { return }
        guard EVP_DigestUpdate(context, base, bytes.count) == 1 else {
            fatalError("libcrypto could not hash \(bytes.count) bytes")
        }
    }

    /// Hashes the UTF-8 bytes of `text` after everything hashed so far.
    public mutating func update(_ text: String) {
        var text = text
        text.withUTF8 { update(UnsafeRawBufferPointer($0)) }
    }

    /// Hashes `bytes` after everything hashed so far.
    public mutating func update<Bytes: ContiguousBytes>(contentsOf bytes: Bytes) {
        bytes.withUnsafeBytes { update($0) }
    }

    /// The digest of everything hashed; the hasher is used up.
    public consuming func finalize() -> SHA256Digest {
        var bytes = [UInt8](repeating: 0, count: SHA256Digest.byteCount)
        var length: UInt32 = 0
        guard EVP_DigestFinal_ex(context, &bytes, &length) == 1, Int(length) == SHA256Digest.byteCount else {
            fatalError("libcrypto could not finish a SHA-256 digest")
        }
        return SHA256Digest(bytes: bytes)
    }
}
