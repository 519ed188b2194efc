/// An integer read from a `config.json`, with the key it was read under (`hidden_size`, `n_embd`,
/// …), so that messages can quote the file's own words.
public struct ConfigNumber: Sendable, Equatable {
    /// The JSON key, as in the file.
    public let key: String
    /// Its value.
    public let value: Int

    public init(key: String, value: Int) {
        self.key = key
        self.value = value
    }
}
