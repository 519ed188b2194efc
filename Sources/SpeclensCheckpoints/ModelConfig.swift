import Foundation

/// What a model's `config.json` says about the model, as far as speclens reads it: the
/// architecture family, the name the model was saved under, and its width and depth.
///
/// Keys are read at the top level only (not from nested `text_config` objects). Width is the first
/// present of `hidden_size` (BERT, LLaMA), `n_embd` (GPT-2) and `d_model` (T5, BART); depth the
/// first present of `num_hidden_layers`, `n_layer` and `num_layers`. Only integer values count
/// (a `true` or a string is ignored).
public struct ModelConfig: Sendable, Equatable {
    /// Keys naming the hidden size, in order of preference.
    public static let hiddenSizeKeys = ["hidden_size", "n_embd", "d_model"]
    /// Keys naming the number of layers, in order of preference.
    public static let layerCountKeys = ["num_hidden_layers", "n_layer", "num_layers"]

    /// The `config.json` read.
    public let path: String
    /// `model_type`, e.g. "gpt2", "llama".
    public let modelType: String?
    /// `_name_or_path`: the hub id or folder the model was saved from (text from the file).
    public let nameOrPath: String?
    /// The hidden size and the key it was read from.
    public let hiddenSize: ConfigNumber?
    /// The number of layers and the key it was read from.
    public let layerCount: ConfigNumber?

    public init(
        path: String, modelType: String? = nil, nameOrPath: String? = nil,
        hiddenSize: ConfigNumber? = nil, layerCount: ConfigNumber? = nil
    ) {
        self.path = path
        self.modelType = modelType
        self.nameOrPath = nameOrPath
        self.hiddenSize = hiddenSize
        self.layerCount = layerCount
    }

    /// Reads the fields from a parsed `config.json` object.
    init(path: String, object: [String: Any]) {
        func number(_ keys: [String]) -> ConfigNumber? {
            for key in keys {
                guard let value = object[key] as? NSNumber, !ModelConfig.isBoolean(value) else { continue }
                let double = value.doubleValue
                guard double.rounded() == double, let integer = Int(exactly: double) else { continue }
                return ConfigNumber(key: key, value: integer)
            }
            return nil
        }
        let name = object["_name_or_path"] as? String
        self.init(
            path: path, modelType: object["model_type"] as? String,
            nameOrPath: name?.isEmpty == false ? name : nil,
            hiddenSize: number(Self.hiddenSizeKeys), layerCount: number(Self.layerCountKeys))
    }

    /// Whether a JSON number is really a boolean: `true`/`false` arrive as NSNumber too, of the
    /// boolean number class (on Linux and Darwin alike).
    private static func isBoolean(_ number: NSNumber) -> Bool {
        type(of: number) == type(of: NSNumber(value: true))
    }
}
