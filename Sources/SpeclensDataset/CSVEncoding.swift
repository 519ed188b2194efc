/// CSV text as spreadsheets and the Python `csv` module read it: `,` between fields, `\n` line
/// ends, plain decimal numbers as they are, every other field in double quotes (quotes doubled).
/// A text field starting with `=`, `+`, `-`, `@`, tab or CR gets a leading `'` so that no
/// spreadsheet runs it as a formula.
public enum CSVEncoding {
    /// One line of fields, without the line end.
    public static func line(_ fields: [String]) -> String {
        fields.map { isPlainNumber($0) ? $0 : quoted($0) }.joined(separator: ",")
    }

    /// `text` quoted (and guarded against formula injection).
    public static func quoted(_ text: String) -> String {
        var field = text
        if let first = field.unicodeScalars.first, "=+-@\t\r".unicodeScalars.contains(first), !isPlainNumber(field) {
            field = "'" + field
        }
        return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// Whether `text` is a decimal number (optional sign, digits, dot, exponent) and nothing else.
    public static func isPlainNumber(_ text: String) -> Bool {
        var sawDigit = false
        var state = 0  // 0 sign, 1 int, 2 frac, 3 exp sign, 4 exp digits
        for ch in text.unicodeScalars {
            switch ch {
            case "+", "-":
                if state == 0 { state = 1 } else if state == 3 { state = 4 } else { return false }
            case "0"..."9":
                sawDigit = true
                if state == 0 { state = 1 } else if state == 3 { state = 4 }
            case ".":
                if state <= 1 { state = 2 } else { return false }
            case "e", "E":
                if sawDigit && state <= 2 { state = 3 } else { return false }
            default:
                return false
            }
        }
        return sawDigit && state != 3
    }
}
