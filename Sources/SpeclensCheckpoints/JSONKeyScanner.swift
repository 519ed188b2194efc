import Foundation

/// Reads the keys of JSON objects in the order the file writes them, which `JSONSerialization`
/// does not preserve. It is meant for text that `JSONSerialization` has already accepted; on
/// malformed input it returns nil rather than guessing. Values are skipped, not decoded.
enum JSONKeyScanner {
    /// The keys of the top-level object, in file order, duplicates included; nil if the text is
    /// not an object.
    static func topLevelKeys(in bytes: [UInt8]) -> [String]? {
        guard let start = skipWhitespace(bytes, 0),
            let entries = objectEntries(bytes, start)
        else { return nil }
        return entries.map(\.key)
    }

    /// The keys, in file order, of the object stored under `key` in the top-level object; nil
    /// when the key is absent or its value is not an object.
    static func keys(ofObjectAt key: String, in bytes: [UInt8]) -> [String]? {
        guard let start = skipWhitespace(bytes, 0),
            let entries = objectEntries(bytes, start),
            let entry = entries.last(where: { $0.key == key }),
            let inner = objectEntries(bytes, entry.valueStart)
        else { return nil }
        return inner.map(\.key)
    }

    private static let quote = UInt8(ascii: "\"")
    private static let backslash = UInt8(ascii: "\\")

    /// Index of the first non-whitespace byte at or after `i`, or nil at the end.
    private static func skipWhitespace(_ bytes: [UInt8], _ i: Int) -> Int? {
        var j = i
        while j < bytes.count {
            switch bytes[j] {
            case 0x20, 0x09, 0x0A, 0x0D: j += 1
            default: return j
            }
        }
        return nil
    }

    /// Parses the object beginning at `i` (which must be `{`): its keys and where each value starts.
    private static func objectEntries(_ bytes: [UInt8], _ i: Int) -> [(key: String, valueStart: Int)]? {
        guard i < bytes.count, bytes[i] == UInt8(ascii: "{") else { return nil }
        var entries: [(key: String, valueStart: Int)] = []
        guard var j = skipWhitespace(bytes, i + 1) else { return nil }
        if bytes[j] == UInt8(ascii: "}") { return entries }
        while true {
            guard let (key, afterKey) = string(bytes, j),
                let colon = skipWhitespace(bytes, afterKey), bytes[colon] == UInt8(ascii: ":"),
                let valueStart = skipWhitespace(bytes, colon + 1),
                let afterValue = skipValue(bytes, valueStart),
                let next = skipWhitespace(bytes, afterValue)
            else { return nil }
            entries.append((key, valueStart))
            if bytes[next] == UInt8(ascii: "}") { return entries }
            guard bytes[next] == UInt8(ascii: ","), let following = skipWhitespace(bytes, next + 1) else {
                return nil
            }
            j = following
        }
    }

    /// Decodes the string literal beginning at `i`; returns it and the index after its closing quote.
    private static func string(_ bytes: [UInt8], _ i: Int) -> (String, Int)? {
        guard let end = stringEnd(bytes, i) else { return nil }
        let body = bytes[(i + 1)..<(end - 1)]
        if !body.contains(backslash) {
            guard let text = String(bytes: body, encoding: .utf8) else { return nil }
            return (text, end)
        }
        let literal = Data(bytes[i..<end])
        guard let text = (try? JSONSerialization.jsonObject(with: literal, options: .fragmentsAllowed)) as? String
        else { return nil }
        return (text, end)
    }

    /// Index just after the closing quote of the string literal beginning at `i`.
    private static func stringEnd(_ bytes: [UInt8], _ i: Int) -> Int? {
        guard i < bytes.count, bytes[i] == quote else { return nil }
        var j = i + 1
        while j < bytes.count {
            if bytes[j] == backslash {
                j += 2
            } else if bytes[j] == quote {
                return j + 1
            } else {
                j += 1
            }
        }
        return nil
    }

    /// Index just after the JSON value beginning at `i`.
    private static func skipValue(_ bytes: [UInt8], _ i: Int) -> Int? {
        guard i < bytes.count else { return nil }
        switch bytes[i] {
        case quote:
            return stringEnd(bytes, i)
        case UInt8(ascii: "{"), UInt8(ascii: "["):
            var depth = 0
            var j = i
            while j < bytes.count {
                switch bytes[j] {
                case quote:
                    guard let end = stringEnd(bytes, j) else { return nil }
                    j = end
                    continue
                case UInt8(ascii: "{"), UInt8(ascii: "["):
                    depth += 1
                case UInt8(ascii: "}"), UInt8(ascii: "]"):
                    depth -= 1
                    if depth == 0 { return j + 1 }
                default:
                    break
                }
                j += 1
            }
            return nil
        default:
            var j = i
            while j < bytes.count {
                switch bytes[j] {
                case UInt8(ascii: ","), UInt8(ascii: "}"), UInt8(ascii: "]"), 0x20, 0x09, 0x0A, 0x0D:
                    return j
                default:
                    j += 1
                }
            }
            return j
        }
    }
}
