/// Why the parts given to ``ShardMerge`` do not make one complete analysis. Parts are named by
/// the labels the caller gave them (usually their file names).
public enum ShardConflict: Equatable, Sendable, CustomStringConvertible {
    /// No part was given.
    case noParts
    /// A part is a complete dataset, not a shard (its label).
    case notAShard(part: String)
    /// Two parts disagree on a field that every shard of one analysis shares: the field's path in
    /// the dataset (e.g. `tool.version`, `parameters.top_k`, `base.files[0].bytes`,
    /// `runs[1].path`, `shard.count`) and its value in each part (compact JSON, shortened).
    case fieldDiffers(field: String, part: String, value: String, otherPart: String, otherValue: String)
    /// The same shard index is in several parts (index, count, the parts).
    case duplicateShard(index: Int, count: Int, parts: [String])
    /// Shard indices of `0..<count` no part holds (the missing indices, count).
    case missingShards(indices: [Int], count: Int)
    /// A matrix is in several parts although their indices differ (matrix name, the parts).
    case repeatedMatrix(name: String, parts: [String])
    /// The parts hold fewer matrices than the analysis planned (planned, found).
    case missingMatrices(planned: Int, found: Int)

    public var description: String {
        switch self {
        case .noParts:
            return "no shard given"
        case .notAShard(let part):
            return "\(part) is a complete dataset, not a shard (it has no shard field)"
        case .fieldDiffers(let field, let part, let value, let otherPart, let otherValue):
            return "\(otherPart) and \(part) come from different analyses: \(field) is \(otherValue) in \(otherPart) "
                + "but \(value) in \(part)"
        case .duplicateShard(let index, let count, let parts):
            return "shard \(index)/\(count) is given \(parts.count) times (\(parts.joined(separator: ", ")))"
        case .missingShards(let indices, let count):
            let list = indices.map { "\($0)/\(count)" }.joined(separator: ", ")
            return
                "\(indices.count == 1 ? "shard" : "shards") \(list) of \(count) \(indices.count == 1 ? "is" : "are") missing"
        case .repeatedMatrix(let name, let parts):
            return "matrix \(name) is in several shards (\(parts.joined(separator: ", ")))"
        case .missingMatrices(let planned, let found):
            return "the analysis planned \(planned) matrices but the shards hold \(found)"
        }
    }
}
