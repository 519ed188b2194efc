import Foundation
import SpeclensDataset
import Yams

/// An experiment described in YAML (docs/manifest.md): the base, and the runs with their labels,
/// tags, supplied metrics, colours and stacks.
///
/// ```yaml
/// base: models/minilm            # relative paths are relative to this file
/// runs:
///   - path: runs/full
///     label: Full fine-tune
///     tags: {method: full, task: news}
///     metrics: {accuracy: 0.912}
///   - path: runs/lora-r8
///     tags: {method: lora, task: news}   # rank and alpha are filled from the adapter
///     color: "#d62728"
///   - stack: [runs/task-a, runs/task-b]
///     label: A then B
/// ```
///
/// Top-level keys: `base` (a path), `runs` (a list) and optionally `options` (a map of the
/// command line's analysis and selection options in snake_case, e.g. `include_heads: true`,
/// `top_k: 16`, `include: ['encoder\.layer']`; ``ManifestOption``). Per run: `path` or `stack` (a list of
/// paths; a stack is one run), and optionally `label` (text), `tags` (a map of scalars), `metrics`
/// (a map of numbers) and `color` (`#rrggbb`). Unknown keys are errors, so that a typo does not go
/// unnoticed. Errors name the file and the line.
public struct ExperimentManifest: Sendable, Equatable {
    /// The base checkpoint path (resolved against the manifest's folder).
    public var base: String
    /// The runs, in file order.
    public var runs: [RunSpec]
    /// The options under `options`, in file order.
    public var options: [ManifestOption]

    init(base: String, runs: [RunSpec], options: [ManifestOption] = []) {
        self.base = base
        self.runs = runs
        self.options = options
    }

    /// Reads the manifest at `path`.
    /// - Throws: ``AnalysisError/invalidManifest(file:line:reason:)``.
    public static func read(path: String) throws -> ExperimentManifest {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw AnalysisError.invalidManifest(file: path, line: nil, reason: "the file cannot be read")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw AnalysisError.invalidManifest(file: path, line: nil, reason: "the file is not UTF-8 text")
        }
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent().path
        return try parse(text, file: path, folder: folder)
    }

    /// Parses manifest `text`; `file` names it in errors, relative paths are resolved against
    /// `folder`.
    public static func parse(_ text: String, file: String, folder: String) throws -> ExperimentManifest {
        func fail(_ node: Node?, _ reason: String) -> AnalysisError {
            .invalidManifest(file: file, line: node?.mark?.line, reason: reason)
        }
        let root: Node
        do {
            guard let node = try Yams.compose(yaml: text) else { throw fail(nil, "the file is empty") }
            root = node
        } catch let error as YamlError {
            throw AnalysisError.invalidManifest(
                file: file, line: Self.line(of: error), reason: "not valid YAML (\(Self.problem(of: error)))")
        } catch let error as AnalysisError {
            throw error
        }
        guard let top = root.mapping else { throw fail(root, "expected a map with `base` and `runs`") }
        try checkKeys(top, allowed: ["base", "runs", "options"], fail: fail)
        let options = try top["options"].map { try Self.options($0, fail: fail) } ?? []
        guard let baseNode = top["base"] else { throw fail(root, "missing `base` (the pre-trained checkpoint)") }
        let base = try path(baseNode, folder: folder, fail: fail)
        guard let runsNode = top["runs"] else { throw fail(root, "missing `runs` (a list of fine-tunes)") }
        guard let list = runsNode.sequence, !list.isEmpty else {
            throw fail(runsNode, "`runs` must be a non-empty list")
        }
        let runs = try list.map { try runSpec($0, folder: folder, fail: fail) }
        return ExperimentManifest(base: base, runs: runs, options: options)
    }

    /// One entry of `runs`: its checkpoint or stack, and its label, tags, metrics and colour.
    static func runSpec(
        _ entry: Node, folder: String, fail: (Node?, String) -> AnalysisError
    ) throws -> RunSpec {
        guard let run = entry.mapping else { throw fail(entry, "each run must be a map with `path` or `stack`") }
        try checkKeys(run, allowed: ["path", "stack", "label", "tags", "metrics", "color"], fail: fail)
        var spec = RunSpec(source: try runSource(entry, run, folder: folder, fail: fail))
        try annotate(&spec, from: run, fail: fail)
        return spec
    }

    /// A run's `path` (a checkpoint or adapter) or `stack` (a list of adapters).
    static func runSource(
        _ entry: Node, _ run: Node.Mapping, folder: String, fail: (Node?, String) -> AnalysisError
    ) throws -> RunSpec.Source {
        switch (run["path"], run["stack"]) {
        case (let pathNode?, nil):
            return .checkpoint(try path(pathNode, folder: folder, fail: fail))
        case (nil, let stackNode?):
            guard let steps = stackNode.sequence, !steps.isEmpty else {
                throw fail(stackNode, "`stack` must be a non-empty list of adapter paths")
            }
            return .stack(try steps.map { try path($0, folder: folder, fail: fail) })
        case (_?, _?):
            throw fail(entry, "a run has either `path` or `stack`, not both")
        case (nil, nil):
            throw fail(entry, "a run needs `path` (a checkpoint or adapter) or `stack` (a list of adapters)")
        }
    }

    /// A run's `label`, `tags`, `metrics` and `color`, each checked.
    static func annotate(_ spec: inout RunSpec, from run: Node.Mapping, fail: (Node?, String) -> AnalysisError) throws {
        if let label = run["label"] {
            guard label.scalar != nil, let text = label.string, !text.isEmpty else {
                throw fail(label, "`label` must be non-empty text")
            }
            spec.label = text
        }
        if let tags = run["tags"] {
            guard let map = tags.mapping else { throw fail(tags, "`tags` must be a map of names to values") }
            for (key, value) in map {
                guard let name = key.string, !name.isEmpty else { throw fail(key, "a tag name must be text") }
                guard let scalar = value.scalar else {
                    throw fail(value, "tag `\(name)` must be a single value (text, number or true/false)")
                }
                spec.tags[name] = tagValue(Node.scalar(scalar))
            }
        }
        if let metrics = run["metrics"] {
            guard let map = metrics.mapping else {
                throw fail(metrics, "`metrics` must be a map of names to numbers")
            }
            for (key, value) in map {
                guard let name = key.string, !name.isEmpty else { throw fail(key, "a metric name must be text") }
                guard let number = [Tag.Name.int, .float].contains(Self.tagName(value)) ? value.float : nil,
                    number.isFinite
                else {
                    throw fail(value, "metric `\(name)` must be a finite number")
                }
                spec.metrics[name] = number
            }
        }
        if let color = run["color"] {
            guard let text = color.string, let value = RunColor(rawValue: text) else {
                throw fail(color, "`color` must be #rrggbb or #rgb")
            }
            spec.color = value
        }
    }

    /// The `options` map: names of `[a-z][a-z0-9_]*` to a scalar or a list of scalars.
    private static func options(_ node: Node, fail: (Node?, String) -> AnalysisError) throws -> [ManifestOption] {
        guard let map = node.mapping else { throw fail(node, "`options` must be a map of option names to values") }
        return try map.map { key, value in
            guard let name = key.string, name.first?.isLowercase == true,
                name.allSatisfy({ ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "_" })
            else {
                throw fail(key, "an option name must be snake_case, like `top_k` or `include_heads`")
            }
            let items = value.sequence.map(Array.init) ?? [value]
            let values = try items.map { item -> String in
                guard item.scalar != nil, let text = item.string else {
                    throw fail(item, "option `\(name)` must be a value or a list of values")
                }
                if tagName(item) == .bool, let flag = item.bool { return flag ? "true" : "false" }
                return text
            }
            return ManifestOption(name: name, values: values, line: key.mark.map { $0.line })
        }
    }

    /// A scalar tag as number, flag or text, by its resolved YAML type.
    static func tagValue(_ node: Node) -> TagValue {
        switch tagName(node) {
        case .int, .float:
            if let number = node.float, number.isFinite { return .number(number) }
        case .bool:
            if let flag = node.bool { return .flag(flag) }
        default:
            break
        }
        return .text(node.string ?? "")
    }

    /// The resolved YAML type of a node (`int`, `float`, `bool`, `str` …).
    private static func tagName(_ node: Node) -> Tag.Name {
        Tag.Name(rawValue: node.tag.rawValue)
    }

    private static func checkKeys(_ map: Node.Mapping, allowed: Set<String>, fail: (Node?, String) -> AnalysisError)
        throws
    {
        for key in map.keys {
            guard let name = key.string, allowed.contains(name) else {
                throw fail(
                    key,
                    "unknown key `\(key.string ?? "?")` (expected \(allowed.sorted().map { "`\($0)`" }.joined(separator: ", ")))"
                )
            }
        }
    }

    private static func path(_ node: Node, folder: String, fail: (Node?, String) -> AnalysisError) throws -> String {
        guard node.scalar != nil, let text = node.string, !text.isEmpty else { throw fail(node, "expected a path") }
        if text.hasPrefix("/") { return text }
        return (folder as NSString).appendingPathComponent(text)
    }

    private static func line(of error: YamlError) -> Int? {
        switch error {
        case .scanner(_, _, let mark, _), .parser(_, _, let mark, _), .composer(_, _, let mark, _): return mark.line
        default: return nil
        }
    }

    private static func problem(of error: YamlError) -> String {
        switch error {
        case .scanner(_, let problem, _, _), .parser(_, let problem, _, _), .composer(_, let problem, _, _):
            return problem
        default: return "\(error)"
        }
    }
}
