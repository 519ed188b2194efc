import Foundation

/// The settings of a PEFT adapter, parsed from its `adapter_config.json`. Keys missing from older
/// files get PEFT's defaults: `r` 8, `lora_alpha` 8, booleans false, empty lists and patterns,
/// `init_lora_weights` "true".
public struct LoRAConfig: Sendable, Equatable {
    /// `peft_type`, e.g. "LORA".
    public let peftType: String
    /// Adapter rank `r` (a positive integer).
    public let r: Int
    /// `lora_alpha`.
    public let loraAlpha: Double
    /// `use_rslora`: scale by `alpha / sqrt(r)` instead of `alpha / r`.
    public let useRslora: Bool
    /// `use_dora`: weight-decomposed LoRA (adds a magnitude vector per module).
    public let useDora: Bool
    /// `fan_in_fan_out`: the base layers store weights `[in, out]` (GPT-2 `Conv1D`), so ΔW is transposed.
    public let fanInFanOut: Bool
    /// `target_modules`; a single string in the file becomes a one-element list.
    public let targetModules: [String]
    /// `modules_to_save`: modules saved whole (full replacement weights); a string becomes one element.
    public let modulesToSave: [String]
    /// `rank_pattern` entries in file order.
    public let rankPattern: [LoRAPatternEntry<Int>]
    /// `alpha_pattern` entries in file order.
    public let alphaPattern: [LoRAPatternEntry<Double>]
    /// `init_lora_weights` as text: "true", "false", "gaussian", "pissa", "olora", ...
    public let initLoraWeights: String
    /// `base_model_name_or_path`, if present and not null.
    public let baseModelNameOrPath: String?

    /// The merge scale `s` applied to `B·A`: `lora_alpha / r`, or `lora_alpha / sqrt(r)` with `use_rslora`.
    public var scale: Double {
        useRslora ? loraAlpha / Double(r).squareRoot() : loraAlpha / Double(r)
    }

    /// Builds a config from values (for tests and synthetic adapters); defaults are PEFT's.
    public init(
        peftType: String = "LORA", r: Int = 8, loraAlpha: Double = 8, useRslora: Bool = false,
        useDora: Bool = false, fanInFanOut: Bool = false, targetModules: [String] = [],
        modulesToSave: [String] = [], rankPattern: [LoRAPatternEntry<Int>] = [],
        alphaPattern: [LoRAPatternEntry<Double>] = [], initLoraWeights: String = "true",
        baseModelNameOrPath: String? = nil
    ) {
        self.peftType = peftType
        self.r = r
        self.loraAlpha = loraAlpha
        self.useRslora = useRslora
        self.useDora = useDora
        self.fanInFanOut = fanInFanOut
        self.targetModules = targetModules
        self.modulesToSave = modulesToSave
        self.rankPattern = rankPattern
        self.alphaPattern = alphaPattern
        self.initLoraWeights = initLoraWeights
        self.baseModelNameOrPath = baseModelNameOrPath
    }

    /// Parses the JSON text of an `adapter_config.json`; `file` names it in errors.
    /// - Throws: ``CheckpointError/invalidAdapterConfig(file:reason:)`` for bad JSON, a missing
    ///   `peft_type`, a non-positive `r`, or a key of the wrong type.
    public init(jsonData: Data, file: String) throws {
        let config = try AdapterConfigObject(jsonData: jsonData, file: file)
        guard let peftType = config.present("peft_type") as? String else {
            throw config.invalid("it has no string \"peft_type\"")
        }
        self.peftType = peftType
        if let value = config.present("r") {
            guard let rank = AdapterConfigObject.integer(value), rank > 0 else {
                throw config.invalid("\"r\" is not a positive integer")
            }
            self.r = rank
        } else {
            self.r = 8
        }
        if let value = config.present("lora_alpha") {
            guard let alpha = AdapterConfigObject.number(value) else {
                throw config.invalid("\"lora_alpha\" is not a number")
            }
            self.loraAlpha = alpha
        } else {
            self.loraAlpha = 8
        }
        self.useRslora = try config.bool("use_rslora")
        self.useDora = try config.bool("use_dora")
        self.fanInFanOut = try config.bool("fan_in_fan_out")
        self.targetModules = try config.strings("target_modules")
        self.modulesToSave = try config.strings("modules_to_save")
        self.rankPattern = try config.pattern("rank_pattern", expected: "a positive integer") { value in
            AdapterConfigObject.integer(value).flatMap { $0 > 0 ? $0 : nil }
        }
        self.alphaPattern = try config.pattern("alpha_pattern", expected: "a number", AdapterConfigObject.number)
        if let value = config.present("init_lora_weights") {
            if let text = value as? String {
                self.initLoraWeights = text
            } else if let flag = value as? Bool {
                self.initLoraWeights = flag ? "true" : "false"
            } else {
                throw config.invalid("\"init_lora_weights\" is neither true, false nor a string")
            }
        } else {
            self.initLoraWeights = "true"
        }
        if let value = config.present("base_model_name_or_path") {
            guard let text = value as? String else {
                throw config.invalid("\"base_model_name_or_path\" is not a string")
            }
            self.baseModelNameOrPath = text
        } else {
            self.baseModelNameOrPath = nil
        }
    }
}
