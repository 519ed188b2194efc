import Foundation

/// The dataset as one flat table, one row per run × analysed matrix, for notebooks and
/// spreadsheets: every exported quantity of ``MeasureCatalogue``, in its order, so that a reader
/// needs no joins (the run's id, label, kind, LoRA settings, each tag as `tag.NAME` and each
/// supplied metric as `metric.NAME`; the matrix's layer, module, kind, shapes and formats; every
/// per-matrix measure; max |cos| per top vector and intruder counts at every ε of the grid).
///
/// When a run is step k ≥ 2 of a stack, its comparisons against the previous step
/// (`runs[].against_previous_step`) follow its rows against the base as rows of their own, and a
/// `reference` column after `run_id` says which is which (`base` or `previous_step`); datasets
/// without stacks have no such column. For rows against the previous step, the matrix's shape
/// and base columns still describe the base matrix of that name.
///
/// A list is written as columns `NAME_0 … NAME_{n−1}` in CSV (n the longest list of the table;
/// empty where a row's list is shorter) and as one array `NAME` in JSON Lines. Numbers are
/// written as the dataset holds them; absent values are empty (CSV) or `null` (JSON Lines); the
/// LoRA columns of a full fine-tune are empty.
public struct TidyExport: Sendable {
    /// One cell.
    public enum Value: Sendable, Equatable {
        case number(String)
        case text(String)
        case bool(Bool)
        case null
        /// A list, written as columns `name_0 …` in CSV and as an array in JSON Lines.
        case numbers([String])
    }

    /// Column names, in order (CSV header).
    public let columns: [String]
    /// Rows of named values in column order (a list is one value, named without an index).
    public let rows: [[(String, Value)]]
    /// The width of each list column (the longest list of the table).
    private let listWidths: [String: Int]

    /// The table of `dataset`.
    /// - Throws: ``DatasetError/inconsistent(reason:)`` when a run id or matrix name repeats
    ///   (``DatasetIndex``); a decoded dataset has been checked already.
    public init(_ dataset: SpectralDataset) throws(DatasetError) {
        let sources = Self.rowSources(dataset, index: try DatasetIndex(dataset))
        let measures = MeasureCatalogue.exported
        let values = sources.map { source in measures.map { $0.read?(source.row) ?? .absent } }
        let names = measures.indices.map { index in
            Set(
                values.flatMap { row -> [String] in
                    if case .named(let map) = row[index] { return Array(map.keys) } else { return [] }
                }
            ).sorted()
        }
        let grid = dataset.parameters.epsilonGrid
        let steps = dataset.runs.contains { $0.againstPreviousStep != nil }
        rows = zip(sources, values).map { source, row in
            var cells: [(String, Value)] = [("run_id", .text(source.row.run.id.rawValue))]
            if steps { cells.append(("reference", .text(source.reference.rawValue))) }
            for (index, measure) in measures.enumerated() where measure.export != .column("run_id") {
                cells += Self.cells(measure.export, row[index], names: names[index], grid: grid)
            }
            return cells
        }
        var widths: [String: Int] = [:]
        for measure in measures {
            guard case .perIndex(let name) = measure.export else { continue }
            widths[name] =
                rows.map { row in
                    row.first { $0.0 == name }.map { if case .numbers(let list) = $0.1 { list.count } else { 0 } } ?? 0
                }.max() ?? 0
        }
        listWidths = widths
        columns = (rows.first ?? []).flatMap { name, _ in
            widths[name].map { width in (0..<width).map { "\(name)_\($0)" } } ?? [name]
        }
    }

    /// What a row's matrix was compared with (the `reference` column, present only when the
    /// dataset has stacks): the base, or for step k ≥ 2 of a stack also the previous step's
    /// merged weights (`runs[].against_previous_step`).
    public enum Reference: String, Sendable {
        case base
        case previousStep = "previous_step"
    }

    /// CSV with a header line (see ``CSVEncoding``).
    public var csv: String {
        var lines = [CSVEncoding.line(columns)]
        for row in rows {
            lines.append(CSVEncoding.line(row.flatMap { name, value in csvFields(name, value) }))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// JSON Lines: one JSON object per row, keys in column order (a list as one array).
    public var jsonLines: String {
        rows.map { row in
            "{" + row.map { name, value in Self.json(name) + ":" + Self.json(value) }.joined(separator: ",") + "}"
        }.joined(separator: "\n") + (rows.isEmpty ? "" : "\n")
    }

    /// The run, comparison and reference of each row, in table order.
    private static func rowSources(
        _ dataset: SpectralDataset, index: DatasetIndex
    ) -> [(row: MeasureRow, reference: Reference)] {
        dataset.runs.flatMap { run in
            let comparisons =
                run.matrices.map { (Reference.base, $0) }
                + (run.againstPreviousStep?.matrices ?? []).map { (Reference.previousStep, $0) }
            return comparisons.map { reference, matrix in
                (
                    MeasureRow(
                        run: run, comparison: matrix, base: index.base(named: matrix.name),
                        parameters: dataset.parameters),
                    reference
                )
            }
        }
    }

    /// The cells of one catalogued value.
    private static func cells(_ export: MeasureExport, _ value: MeasureValue, names: [String], grid: [Double]) -> [(
        String, Value
    )] {
        switch export {
        case .column(let name):
            return [(name, cell(value))]
        case .columns(let columnNames):
            let elements = value.elements ?? []
            return columnNames.enumerated().map { index, name in
                (name, index < elements.count ? cell(elements[index]) : .null)
            }
        case .perIndex(let name):
            return [(name, value.elements.map { .numbers($0.compactMap(\.scalarText)) } ?? .null)]
        case .perEpsilon(let name):
            let counts: IntruderCounts
            if case .counts(let map) = value { counts = map } else { counts = IntruderCounts() }
            return grid.map { epsilon in
                ("\(name)_eps_\(EpsilonKey.string(epsilon))", counts[epsilon].map { .number("\($0)") } ?? .null)
            }
        case .named(let prefix):
            let map: [String: MeasureValue]
            if case .named(let values) = value { map = values } else { map = [:] }
            return names.map { name in (prefix + name, map[name].map(cell) ?? .null) }
        case .notExported:
            return []
        }
    }

    /// A scalar's cell.
    private static func cell(_ value: MeasureValue) -> Value {
        switch value {
        case .text(let text): return .text(text)
        case .flag(let flag): return .bool(flag)
        case .integer, .real, .single: return value.scalarText.map(Value.number) ?? .null
        case .absent, .singles, .reals, .integers, .counts, .named: return .null
        }
    }

    /// The CSV fields of one cell: a list column padded to its width.
    private func csvFields(_ name: String, _ value: Value) -> [String] {
        if let width = listWidths[name] {
            let list: [String]
            if case .numbers(let values) = value { list = values } else { list = [] }
            return list + Array(repeating: "", count: max(0, width - list.count))
        }
        switch value {
        case .number(let text), .text(let text): return [text]
        case .bool(let flag): return [flag ? "true" : "false"]
        case .null: return [""]
        case .numbers(let list): return list
        }
    }

    private static func json(_ value: Value) -> String {
        switch value {
        case .number(let text): return text
        case .text(let text): return json(text)
        case .bool(let flag): return flag ? "true" : "false"
        case .null: return "null"
        case .numbers(let list): return "[" + list.joined(separator: ",") + "]"
        }
    }

    /// A JSON string literal.
    private static func json(_ text: String) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .withoutEscapingSlashes
        let data = (try? encoder.encode([text])) ?? Data("[\"\"]".utf8)
        return String(decoding: data.dropFirst().dropLast(), as: UTF8.self)
    }
}
