import Foundation

/// What every shard of one split analysis shares, as JSON: the dataset with its per-shard parts
/// (matrices, totals, skipped tensors, the shard index, a stack step's comparisons with the
/// previous step) left out. Two shards belong together
/// exactly when their identities are equal; ``firstDifference(from:)`` names the first field
/// where they are not, in the order a reader would check them (version, split, options, base,
/// runs).
struct ShardIdentity {
    /// The top-level sections compared, in order.
    private static let sections = ["tool", "schema_version", "shard", "parameters", "base", "runs"]

    /// The JSON object of the identity.
    private let object: [String: Any]

    /// The identity of `dataset`; `keepingShardIndex` tells shards of one split apart.
    init(_ dataset: SpectralDataset, keepingShardIndex: Bool = false) throws {
        var identity = dataset
        identity.base.matrices = []
        if !keepingShardIndex { identity.shard?.index = 0 }
        for index in identity.runs.indices {
            identity.runs[index].matrices = []
            identity.runs[index].skipped = []
            identity.runs[index].summary = RunSummary(matrices: [], epsilon: 0, epsilonGrid: [])
            if let previous = identity.runs[index].againstPreviousStep?.previous {
                identity.runs[index].againstPreviousStep = StepComparison(
                    previous: previous, matrices: [], epsilon: 0, epsilonGrid: [])
            }
        }
        let data = try DatasetCoding.encode(identity)
        object = (try JSONSerialization.jsonObject(with: data) as? [String: Any]) ?? [:]
    }

    /// The first field (dataset path such as `parameters.top_k` or `runs[1].path`) whose value
    /// differs from `other`'s, with this identity's value and `other`'s as compact JSON; nil when
    /// the identities are equal.
    func firstDifference(from other: ShardIdentity) -> (field: String, value: String, otherValue: String)? {
        for section in Self.sections {
            if let difference = Self.difference(object[section], other.object[section], path: section) {
                return difference
            }
        }
        return nil
    }

    /// The first difference between two JSON values at `path`.
    private static func difference(_ a: Any?, _ b: Any?, path: String) -> (
        field: String, value: String, otherValue: String
    )? {
        switch (a, b) {
        case (let a as [String: Any], let b as [String: Any]):
            for key in Set(a.keys).union(b.keys).sorted() {
                if let found = difference(a[key], b[key], path: path + "." + key) { return found }
            }
            return nil
        case (let a as [Any], let b as [Any]):
            guard a.count == b.count else {
                return (path, "\(a.count) entries", "\(b.count) entries")
            }
            for index in a.indices {
                if let found = difference(a[index], b[index], path: path + "[\(index)]") { return found }
            }
            return nil
        default:
            let (left, right) = (text(a), text(b))
            return left == right ? nil : (path, left, right)
        }
    }

    /// Compact JSON of a value, shortened to 120 characters; `absent` for none.
    private static func text(_ value: Any?) -> String {
        guard let value else { return "absent" }
        let options: JSONSerialization.WritingOptions = [.sortedKeys, .fragmentsAllowed, .withoutEscapingSlashes]
        guard let data = try? JSONSerialization.data(withJSONObject: value, options: options) else {
            return "\(value)"
        }
        let string = String(decoding: data, as: UTF8.self)
        return string.count > 120 ? String(string.prefix(117)) + "…" : string
    }
}
