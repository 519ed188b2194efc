import ArgumentParser
import Foundation

/// A memory size on the command line: a number of bytes with an optional binary unit, `8G`,
/// `8GiB`, `512M`, `1.5T`, `4096` (K, M, G, T are powers of 1024; a trailing `B`/`iB` is allowed).
struct ByteSize: ExpressibleByArgument, Equatable {
    let bytes: Int

    init(bytes: Int) {
        self.bytes = bytes
    }

    init?(argument: String) {
        var text = argument.trimmingCharacters(in: .whitespaces).uppercased()
        for suffix in ["IB", "B"] where text.hasSuffix(suffix) && text.count > suffix.count {
            text.removeLast(suffix.count)
            break
        }
        let units: [Character: Double] = ["K": 0x1p10, "M": 0x1p20, "G": 0x1p30, "T": 0x1p40]
        var factor = 1.0
        if let last = text.last, let unit = units[last] {
            factor = unit
            text.removeLast()
        }
        guard let number = Double(text), number.isFinite, number > 0, number * factor < 0x1p62 else { return nil }
        bytes = Int((number * factor).rounded())
        guard bytes > 0 else { return nil }
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
