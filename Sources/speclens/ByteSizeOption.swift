import ArgumentParser
import Foundation

/// A size in bytes on the command line: a number with an optional unit K, M, G or T (powers of
/// 1024; `KiB`, `GB`… are read the same), e.g. `50G`, `512M`, `1.5T`, `0`. Read with `parse` as
/// the option's transform, so that a refused value is reported with the reason.
struct ByteSizeOption: CustomStringConvertible {
    let bytes: Int

    /// The option for `text`.
    /// - Throws: a `ValidationError` saying why the text is refused.
    static func parse(_ text: String) throws -> ByteSizeOption {
        var number = text.trimmingCharacters(in: .whitespaces).uppercased()
        for suffix in ["IB", "B"] where number.hasSuffix(suffix) && number.count > suffix.count {
            number.removeLast(suffix.count)
            break
        }
        let units: [Character: Double] = [
            "K": 1024, "M": 1024 * 1024, "G": 1024 * 1024 * 1024, "T": 1024 * 1024 * 1024 * 1024,
        ]
        var factor = 1.0
        if let last = number.last, let unit = units[last] {
            factor = unit
            number.removeLast()
        }
        guard let value = Double(number), value >= 0, value.isFinite, value * factor < Double(Int.max / 2) else {
            throw ValidationError(
                "\"\(text)\" is not a size: give bytes or a number with K, M, G or T (powers of 1024), e.g. 50G")
        }
        return ByteSizeOption(bytes: Int((value * factor).rounded()))
    }

    var description: String { Self.text(bytes) }

    /// `bytes` for people: `512 bytes`, `1.5 MiB`, `50 GiB` (one decimal below 10 units).
    static func text(_ bytes: Int) -> String {
        let units = ["KiB", "MiB", "GiB", "TiB"]
        guard bytes >= 1024 else { return "\(bytes) bytes" }
        var value = Double(bytes) / 1024
        var unit = 0
        while value >= 1024, unit < units.count - 1 {
            value /= 1024
            unit += 1
        }
        let digits =
            value < 10 && value != value.rounded() ? String(format: "%.1f", value) : String(Int(value.rounded()))
        return "\(digits) \(units[unit])"
    }
}
