import ArgumentParser
import Foundation

/// A memory size on the command line: a number of bytes with an optional binary unit, `8G`,
/// `8GiB`, `512M`, `1.5T`, `4096` (K, M, G, T are powers of 1024; a trailing `B`/`iB` is allowed).
struct ByteSize: ExpressibleByArgument, Equatable {
    let bytes: Int

    init(bytes: Int) {
        self.bytes = bytes
    }

    /// Read as ``ByteSizeOption/parse(_:)`` reads sizes; 0 is refused.
    init?(argument: String) {
        guard let parsed = try? ByteSizeOption.parse(argument), parsed.bytes > 0 else { return nil }
        bytes = parsed.bytes
    }

    /// `1.6 GiB`, `512 MiB`, `900 KiB`.
    var description: String {
        let value = Double(bytes)
        for (unit, size) in [("TiB", 0x1p40), ("GiB", 0x1p30), ("MiB", 0x1p20), ("KiB", 0x1p10)] where value >= size {
            return String(format: "%.1f %@", value / size, unit)
        }
        return "\(bytes) bytes"
    }
}
