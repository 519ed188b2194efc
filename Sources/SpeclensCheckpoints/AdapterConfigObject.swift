import Foundation

/// The top-level JSON object of an `adapter_config.json`, with typed readers that throw
/// ``CheckpointError/invalidAdapterConfig(file:reason:)`` naming the key that has the wrong type.
/// A key that is missing or `null` reads as absent.
struct AdapterConfigObject {
    /// The parsed object.
    let object: [String: Any]
    /// The file's bytes, for the key order of pattern objects (``JSONKeyScanner``).
    let bytes: [UInt8]
    /// The file, named in errors.
    let file: String

    /// Parses `jsonData`; `file` names it in errors.
    /// - Throws: `invalidAdapterConfig` when the text is not a JSON object.
    init(jsonData: Data, file: String) throws {
        self.file = file
        guard let object = (try? JSONSerialization.jsonObject(with: jsonData)) as? [String: Any] else {
            throw CheckpointError.invalidAdapterConfig(file: file, reason: "the file is not a JSON object")
        }
        self.object = object
        bytes = [UInt8](jsonData)
    }

    /// The error for this file with `reason`.
    func invalid(_ reason: String) -> CheckpointError {
        CheckpointError.invalidAdapterConfig(file: file, reason: reason)
    }

    /// The value of `key`; nil when it is missing or `null`.
    func present(_ key: String) -> Any? {
        guard let value = object[key], !(value is NSNull) else { return nil }
        return value
    }

    /// A boolean key; false when absent.
    func bool(_ key: String) throws -> Bool {
        guard let value = present(key) else { return false }
        guard let flag = value as? Bool else { throw invalid("\"\(key)\" is not true or false") }
        return flag
    }

    /// A string or list-of-strings key as a list (a single string is one element); empty when absent.
    func strings(_ key: String) throws -> [String] {
        guard let value = present(key) else { return [] }
        if let single = value as? String { return [single] }
        guard let list = value as? [Any] else { throw invalid("\"\(key)\" is not a string or a list of strings") }
        return try list.map {
            guard let text = $0 as? String else { throw invalid("\"\(key)\" holds a non-string entry") }
            return text
        }
    }

    /// A finite JSON number (not a string); nil otherwise.
    static func number(_ value: Any) -> Double? {
        guard !(value is String), let number = value as? NSNumber else { return nil }
        let double = number.doubleValue
        return double.isFinite ? double : nil
    }

    /// A JSON number that is an integer exactly (not a string); nil otherwise.
    static func integer(_ value: Any) -> Int? {
        guard !(value is String), let number = value as? NSNumber else { return nil }
        return Int(exactly: number)
    }

    /// The entries of the pattern object at `key` (`rank_pattern`, `alpha_pattern`) in the file's
    /// order (sorted by key where that order cannot be recovered), each value read by `read`;
    /// empty when absent.
    /// - Throws: `invalidAdapterConfig` when the key is not an object or `read` rejects a value
    ///   (`KEY "PATTERN" is not` + `expected`).
    func pattern<Value>(_ key: String, expected: String, _ read: (Any) -> Value?) throws -> [LoRAPatternEntry<Value>] {
        guard let value = present(key) else { return [] }
        guard let map = value as? [String: Any] else { throw invalid("\"\(key)\" is not an object") }
        return try patternKeys(key, map).map { name in
            guard let entry = map[name].flatMap(read) else { throw invalid("\(key) \"\(name)\" is not \(expected)") }
            return LoRAPatternEntry(key: name, value: entry)
        }
    }

    /// The keys of `map` (the object at `key`) in the file's order, or sorted when the scan does not
    /// recover exactly them.
    private func patternKeys(_ key: String, _ map: [String: Any]) -> [String] {
        let ordered = JSONKeyScanner.keys(ofObjectAt: key, in: bytes) ?? []
        var seen = Set<String>()
        let inOrder = ordered.filter { map[$0] != nil && seen.insert($0).inserted }
        return inOrder.count == map.count ? inOrder : map.keys.sorted()
    }
}
