import Foundation

/// The field tables of docs/dataset.md, made from ``MeasureCatalogue``: one table per record
/// (`base.matrices[]`, `runs[]`, `runs[].summary`, `runs[].matrices[]`) and one of the export's
/// columns. In the document each table sits between `<!-- catalogue: NAME -->` and
/// `<!-- /catalogue -->`; ``update(_:)`` rewrites what is between them, and a test fails when the
/// committed document differs from it (`docs/make-dataset-doc.sh` writes it).
public enum DatasetFieldTables {
    /// The name of the export-columns table.
    public static let exportTable = "export"

    /// `document` with every marked table made anew; other text is kept as it is.
    public static func update(_ document: String) -> String {
        var output: [Substring] = []
        var skipping = false
        for line in document.split(separator: "\n", omittingEmptySubsequences: false) {
            if skipping {
                guard line == closing else { continue }
                skipping = false
            }
            output.append(line)
            if let name = tableName(opening: line), let table = table(named: name) {
                output.append(contentsOf: table.split(separator: "\n", omittingEmptySubsequences: false))
                skipping = true
            }
        }
        return output.joined(separator: "\n")
    }

    /// The table called `name`: a record's raw value or ``exportTable``.
    public static func table(named name: String) -> String? {
        if name == exportTable { return exportColumns() }
        return MeasureRecord(rawValue: name).map(fields)
    }

    /// The fields of `record`: key, JSON type, unit, meaning and export columns.
    public static func fields(of record: MeasureRecord) -> String {
        var lines = ["| field | type | unit | meaning | export |", "|---|---|---|---|---|"]
        for measure in MeasureCatalogue.entries(in: record) {
            lines.append(
                "| `\(measure.key)` | \(measure.type) | \(cell(measure.unit)) | \(measure.doc) | \(columns(measure.export)) |"
            )
        }
        return lines.joined(separator: "\n")
    }

    /// The export's columns in order, each with the field it comes from.
    public static func exportColumns() -> String {
        var lines = ["| column | from | what |", "|---|---|---|"]
        for measure in MeasureCatalogue.exported {
            let source = measure.path.map { "`\($0)`" } ?? "computed: \(measure.doc)"
            lines.append(
                "| \(columns(measure.export)) | \(source) | \(cell(measure.label))\(measure.unit.isEmpty ? "" : " (\(cell(measure.unit)))") |"
            )
        }
        return lines.joined(separator: "\n")
    }

    private static let closing: Substring = "<!-- /catalogue -->"

    /// The table name of an opening marker line.
    private static func tableName(opening line: Substring) -> String? {
        let prefix = "<!-- catalogue: "
        let suffix = " -->"
        guard line.hasPrefix(prefix), line.hasSuffix(suffix), line != closing else { return nil }
        return String(line.dropFirst(prefix.count).dropLast(suffix.count))
    }

    /// The export column names of `export`, as Markdown.
    private static func columns(_ export: MeasureExport) -> String {
        switch export {
        case .column(let name): return "`\(name)`"
        case .columns(let names): return names.map { "`\($0)`" }.joined(separator: ", ")
        case .perIndex(let name): return "`\(name)_0` … (JSON Lines: `\(name)`)"
        case .perEpsilon(let name): return "`\(name)_eps_0.05` … (each ε of the grid)"
        case .named(let prefix): return "`\(prefix)NAME` (one per name)"
        case .notExported(let reason): return "— (\(reason))"
        }
    }

    /// Plain text in a table cell (a `|` would end the cell).
    private static func cell(_ text: String) -> String {
        text.replacingOccurrences(of: "|", with: "\\|")
    }
}
