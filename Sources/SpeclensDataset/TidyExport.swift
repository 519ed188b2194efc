import Foundation

/// The dataset as one flat table, one row per run × analysed matrix, for notebooks and
/// spreadsheets: every column a reader needs without joins (run, its tags and supplied metrics,
/// the matrix's layer, module and kind, shapes and formats, max |cos| per top vector, intruder
/// counts at the analysis ε and at every ε of the grid, effective rank, norms, flags).
///
/// When a run is step k ≥ 2 of a stack, its comparisons against the previous step
/// (`runs[].against_previous_step`) follow its rows against the base as rows of their own, and a
/// `reference` column after `run_id` says which is which (`base` or `previous_step`); datasets
/// without stacks have no such column. For rows against the previous step, the matrix's shape
/// and base columns still describe the base matrix of that name.
///
/// Columns are in a fixed order: run columns, then matrix columns, then per-vector columns
/// `max_cos_0 … max_cos_{k−1}` (k the largest top-k of the dataset; empty where a matrix has
/// fewer) and per-ε columns `intruders_eps_0.05 …`. Numbers are written as the dataset holds them;
/// absent values are empty (CSV) or `null` (JSON Lines).
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

    /// Column names, in order (CSV header; JSON Lines keys).
    public let columns: [String]
    /// Rows of values, aligned with ``columns`` (``Value/numbers`` already expanded for CSV).
    public let rows: [[(String, Value)]]

    /// The table of `dataset`.
    public init(_ dataset: SpectralDataset) {
        let grid = dataset.parameters.epsilonGrid
        let epsilon = dataset.parameters.epsilon
        let bases = Dictionary(dataset.base.matrices.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
        // A `reference` column only when some run holds comparisons against its previous stack
        // step, so that the table of a dataset without stacks is as it always was.
        let steps = dataset.runs.contains { $0.againstPreviousStep != nil }
        var rows: [[(String, Value)]] = []
        for run in dataset.runs {
            var comparisons = run.matrices.map { (Reference.base, $0) }
            if let previous = run.againstPreviousStep {
                comparisons += previous.matrices.map { (Reference.previousStep, $0) }
            }
            for (reference, matrix) in comparisons {
                let base = bases[matrix.name]
                let name = TensorName(matrix.name)
                var row: [(String, Value)] = [("run_id", .text(run.id.rawValue))]
                if steps { row.append(("reference", .text(reference.rawValue))) }
                row += [
                    ("run_kind", .text(run.kind.rawValue)),
                    ("lora_r", run.lora.map { .number("\($0.r)") } ?? .null),
                    ("lora_alpha", run.lora.map { .number("\($0.alpha)") } ?? .null),
                    ("matrix", .text(matrix.name)),
                    ("layer", (base?.layer ?? name.layer).map { .number("\($0)") } ?? .null),
                    ("module", .text(base?.module ?? name.module)),
                    ("kind", .text(name.kind.rawValue)),
                    ("orientation", base.map { .text($0.orientation.rawValue) } ?? .null),
                    ("rows", base.map { .number("\($0.shape.first ?? 0)") } ?? .null),
                    ("columns", base.map { .number("\($0.shape.last ?? 0)") } ?? .null),
                    ("base_dtype", base?.dtype.map { .text($0.rawValue) } ?? .null),
                    ("tuned_dtype", matrix.tunedDtype.map { .text($0.rawValue) } ?? .null),
                    ("matched_by", .text(matrix.matchedBy.description)),
                    ("changed", .bool(matrix.changed)),
                    ("top_k", base.map { .number("\($0.topK)") } ?? .null),
                    ("epsilon", .number("\(epsilon)")),
                    ("intruders", .number("\(matrix.intruders)")),
                    ("intruders_outside_span", .number("\(matrix.intrudersOutsideSpan(epsilon: epsilon))")),
                    ("effective_rank", matrix.effectiveRank.map { .number("\($0)") } ?? .null),
                    ("numerical_rank", .number("\(matrix.numericalRank)")),
                    ("effective_rank_cutoff", .number("\(matrix.effectiveRankCutoff)")),
                    ("near_storage_resolution", matrix.nearStorageResolution.map { .bool($0) } ?? .null),
                    ("frobenius_delta", .number("\(matrix.frobeniusDelta)")),
                    ("spectral_norm_delta", .number("\(matrix.spectralNormDelta)")),
                    ("relative_change", matrix.relativeChange.map { .number("\($0)") } ?? .null),
                    ("stable_rank", matrix.stableRank.map { .number("\($0)") } ?? .null),
                    ("random_baseline_max_cosine", base.map { .number("\($0.randomBaselineMaxCosine)") } ?? .null),
                    ("max_cos", .numbers(matrix.maxCosineTopK.map { "\($0)" })),
                ]
                for value in grid {
                    let key = EpsilonKey.string(value)
                    row.append(("intruders_eps_\(key)", matrix.intrudersByEpsilon[key].map { .number("\($0)") } ?? .null))
                }
                rows.append(row)
            }
        }
        let width = rows.map { row in row.compactMap { if case .numbers(let list) = $0.1 { return list.count } else { return nil } }.max() ?? 0 }.max() ?? 0
        self.rows = rows
        var columns: [String] = []
        for (name, value) in rows.first ?? [] {
            if case .numbers = value {
                columns += (0..<width).map { "\(name)_\($0)" }
            } else {
                columns.append(name)
            }
        }
        self.columns = columns
        self.listWidth = width
    }

    private let listWidth: Int

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
            var fields: [String] = []
            for (_, value) in row {
                switch value {
                case .number(let text): fields.append(text)
                case .text(let text): fields.append(text)
                case .bool(let flag): fields.append(flag ? "true" : "false")
                case .null: fields.append("")
                case .numbers(let list): fields += list + Array(repeating: "", count: max(0, listWidth - list.count))
                }
            }
            lines.append(CSVEncoding.line(fields))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// JSON Lines: one JSON object per row, keys in column order.
    public var jsonLines: String {
        rows.map { row in
            "{" + row.map { name, value in Self.json(name) + ":" + Self.json(value) }.joined(separator: ",") + "}"
        }.joined(separator: "\n") + (rows.isEmpty ? "" : "\n")
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
