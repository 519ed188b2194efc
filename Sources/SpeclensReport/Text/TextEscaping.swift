import SpeclensDataset

/// Escaping of untrusted text (tensor names, run ids, paths, warnings) for each output context.
///
/// Every piece of text that comes from a dataset goes through exactly one of these functions
/// before it reaches an output file: CSV fields directly, markup through the `Markup` type of its
/// language (`HTMLText`, `XMLText`, `MarkdownText`), whose escaping is these functions. File names
/// never use such text except through `Slugger`.
enum TextEscaping {
    /// Markdown inline text: every ASCII punctuation character is backslash-escaped (CommonMark
    /// guarantees that any ASCII punctuation may be escaped), and line breaks, tabs and other
    /// control characters become spaces so that text cannot start a new block.
    static func markdown(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count + 8)
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0x21...0x2F, 0x3A...0x40, 0x5B...0x60, 0x7B...0x7E:
                out += "\\"
                out.unicodeScalars.append(scalar)
            case 0x00...0x1F, 0x7F, 0x85, 0x2028, 0x2029:
                out += " "
            default:
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// HTML text and double- or single-quoted attribute values: `& < > " '` become entities,
    /// control characters (other than tab and line feed, which are made spaces) are dropped.
    static func html(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count + 8)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            case "\t", "\n", "\r": out += " "
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F || (0xFFFE...0xFFFF).contains(scalar.value) {
                    continue
                }
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// XML (SVG) text and attribute values. Same as `html`, with only characters XML 1.0 allows.
    static func xml(_ text: String) -> String {
        html(text)
    }

    /// One CSV field (RFC 4180), quoted and guarded against spreadsheet formulas
    /// (``CSVEncoding/quoted(_:)``, shared with the dataset's tidy export).
    static func csvField(_ text: String) -> String { CSVEncoding.quoted(text) }

    /// Whether `text` is a decimal number (optional sign, digits, dot, exponent) and nothing else.
    static func isPlainNumber(_ text: String) -> Bool { CSVEncoding.isPlainNumber(text) }
}
