import SpeclensDataset

/// A CSV file: a header row and data rows, written with `\n` line ends. Plain numbers are written
/// as they are; every other field is quoted and made safe for spreadsheets.
struct CSVTable: Sendable {
    var header: [String]
    var rows: [[String]]

    var text: String {
        ([header] + rows).map(CSVEncoding.line).joined(separator: "\n") + "\n"
    }
}
