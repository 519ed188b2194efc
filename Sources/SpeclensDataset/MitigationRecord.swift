import Foundation

/// What `speclens mitigate` did to an adapter (after Shuttleworth et al. and PEFT's
/// `reduce_intruder_dimension`): in each module's merged weight `W0 + s·B·A`, the singular values
/// of the intruders among the top k are scaled by λ, and the update is re-factored at the
/// adapter's rank. Written beside the mitigated adapter as `speclens-mitigation.json` and carried
/// into the dataset of any analysis of that adapter (`runs[].mitigation`).
public struct MitigationRecord: Codable, Equatable, Sendable {
    /// The file name of the record in a mitigated adapter folder.
    public static let fileName = "speclens-mitigation.json"

    /// The original adapter, as given.
    public var source: String
    /// Top-k vectors tested per module.
    public var topK: Int
    /// Intruder threshold ε (strict).
    public var epsilon: Double
    /// The factor λ applied to each intruder's singular value.
    public var lambda: Double
    /// Every module of the adapter, in name order.
    public var modules: [ModuleMitigation]

    public init(source: String, topK: Int, epsilon: Double, lambda: Double, modules: [ModuleMitigation]) {
        self.source = source
        self.topK = topK
        self.epsilon = epsilon
        self.lambda = lambda
        self.modules = modules
    }

    /// Reads the record of a mitigated adapter folder; nil when there is none or it is not one.
    public static func read(adapterFolder folder: String) -> MitigationRecord? {
        let path = (folder as NSString).appendingPathComponent(fileName)
        guard let data = FileManager.default.contents(atPath: path) else { return nil }
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        return try? decoder.decode(MitigationRecord.self, from: data)
    }

    /// The record as deterministic JSON (sorted snake_case keys, final newline).
    public func encoded() throws -> Data {
        try DatasetCoding.deterministicJSON(self)
    }
}

/// One module of a mitigated adapter.
public struct ModuleMitigation: Codable, Equatable, Sendable {
    /// The adapter module (without `base_model.model.`).
    public var module: String
    /// The base weight it changes; nil when the base has none (then it was copied unchanged).
    public var baseName: String?
    /// Ranks (0-based, in the merged weight's spectrum) of the intruders that were scaled.
    public var intruderIndices: [Int]
    /// Their singular values in the merged weight before mitigation.
    public var singularValues: [Float]
    /// Their singular values after: λ times the above.
    public var mitigatedSingularValues: [Float]
    /// The share of ‖ΔW‖²_F along the intruders' directions: `Σ_j ‖u_jᵀ ΔW‖² / ‖ΔW‖²_F` over the
    /// intruders' left singular vectors u_j (0 when there are none).
    public var intruderEnergyShare: Double

    public init(
        module: String, baseName: String?, intruderIndices: [Int], singularValues: [Float],
        mitigatedSingularValues: [Float], intruderEnergyShare: Double
    ) {
        self.module = module
        self.baseName = baseName
        self.intruderIndices = intruderIndices
        self.singularValues = singularValues
        self.mitigatedSingularValues = mitigatedSingularValues
        self.intruderEnergyShare = intruderEnergyShare
    }
}
