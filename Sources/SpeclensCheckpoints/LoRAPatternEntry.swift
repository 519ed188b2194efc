/// One entry of a PEFT `rank_pattern` or `alpha_pattern` object: a module-name regex key and the
/// rank (Int) or alpha (Double) it sets. Entries keep the order of the file, since PEFT uses the
/// first key that matches.
public struct LoRAPatternEntry<Value: Sendable & Equatable>: Sendable, Equatable {
    /// The key as written (PEFT matches it as the regex `(.*\.)?(KEY)$` against module names).
    public let key: String
    /// The rank or alpha for modules matching ``key``.
    public let value: Value

    /// An entry; `key` as written in the config, `value` the rank or alpha.
    public init(key: String, value: Value) {
        self.key = key
        self.value = value
    }
}
