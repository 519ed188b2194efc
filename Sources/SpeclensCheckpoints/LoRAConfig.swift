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
    public init(peftType: String = "LORA", r: Int = 8, loraAlpha: Double = 8, useRslora: Bool = false,
                useDora: Bool = false, fanInFanOut: Bool = false, targetModules: [String] = [],
                modulesToSave: [String] = [], rankPattern: [LoRAPatternEntry<Int>] = [],
                alphaPattern: [LoRAPatternEntry<Double>] = [], initLoraWeights: String = "true",
                baseModelNameOrPath: String? = nil) {
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
        func invalid(_ reason: String) -> CheckpointError {
            CheckpointError.invalidAdapterConfig(file: file, reason: reason)
        }
        guard let object = (try? JSONSerialization.jsonObject(with: jsonData)) as? [String: Any] else {
            throw invalid("the file is not a JSON object")
        }
        func present(_ key: String) -> Any? {
            guard let value = object[key], !(value is NSNull) else { return nil }
            return value
        }
        func bool(_ key: String) throws -> Bool {
            guard let value = present(key) else { return false }
            guard let flag = value as? Bool else { throw invalid("\"\(key)\" is not true or false") }
            return flag
        }
        func strings(_ key: String) throws -> [String] {
            guard let value = present(key) else { return [] }
            if let single = value as? String { return [single] }
            guard let list = value as? [Any] else { throw invalid("\"\(key)\" is not a string or a list of strings") }
            return try list.map {
                guard let text = $0 as? String else { throw invalid("\"\(key)\" holds a non-string entry") }
                return text
            }
        }
        func number(_ value: Any) -> Double? {
            guard !(value is String), let number = value as? NSNumber else { return nil }
            let double = number.doubleValue
            return double.isFinite ? double : nil
        }
        func integer(_ value: Any) -> Int? {
            guard !(value is String), let number = value as? NSNumber else { return nil }
            return Int(exactly: number)
        }
        let bytes = [UInt8](jsonData)
        func patternKeys(_ key: String, _ map: [String: Any]) -> [String] {
            let ordered = JSONKeyScanner.keys(ofObjectAt: key, in: bytes) ?? []
            var seen = Set<String>()
            let inOrder = ordered.filter { map[$0] != nil && seen.insert($0).inserted }
            return inOrder.count == map.count ? inOrder : map.keys.sorted()
        }

        guard let peftType = present("peft_type") as? String else {
            throw invalid("it has no string \"peft_type\"")
        }
        self.peftType = peftType
        if let value = present("r") {
            guard let rank = integer(value), rank > 0 else { throw invalid("\"r\" is not a positive integer") }
            self.r = rank
        } else {
            self.r = 8
        }
        if let value = present("lora_alpha") {
            guard let alpha = number(value) else { throw invalid("\"lora_alpha\" is not a number") }
            self.loraAlpha = alpha
        } else {
            self.loraAlpha = 8
        }
        self.useRslora = try bool("use_rslora")
        self.useDora = try bool("use_dora")
        self.fanInFanOut = try bool("fan_in_fan_out")
        self.targetModules = try strings("target_modules")
        self.modulesToSave = try strings("modules_to_save")

        var ranks: [LoRAPatternEntry<Int>] = []
        if let value = present("rank_pattern") {
            guard let map = value as? [String: Any] else { throw invalid("\"rank_pattern\" is not an object") }
            for key in patternKeys("rank_pattern", map) {
                guard let rank = map[key].flatMap(integer), rank > 0 else {
                    throw invalid("rank_pattern \"\(key)\" is not a positive integer")
                }
                ranks.append(LoRAPatternEntry(key: key, value: rank))
            }
        }
        self.rankPattern = ranks
        var alphas: [LoRAPatternEntry<Double>] = []
        if let value = present("alpha_pattern") {
            guard let map = value as? [String: Any] else { throw invalid("\"alpha_pattern\" is not an object") }
            for key in patternKeys("alpha_pattern", map) {
                guard let alpha = map[key].flatMap(number) else {
                    throw invalid("alpha_pattern \"\(key)\" is not a number")
                }
                alphas.append(LoRAPatternEntry(key: key, value: alpha))
            }
        }
        self.alphaPattern = alphas

        if let value = present("init_lora_weights") {
            if let text = value as? String {
                self.initLoraWeights = text
            } else if let flag = value as? Bool {
                self.initLoraWeights = flag ? "true" : "false"
            } else {
                throw invalid("\"init_lora_weights\" is neither true, false nor a string")
            }
        } else {
            self.initLoraWeights = "true"
        }
        if let value = present("base_model_name_or_path") {
            guard let text = value as? String else { throw invalid("\"base_model_name_or_path\" is not a string") }
            self.baseModelNameOrPath = text
        } else {
            self.baseModelNameOrPath = nil
        }
    }
}
