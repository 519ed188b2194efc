/// The random-direction experiment on the base model itself (Shuttleworth et al.: adding a random
/// rank-one update to W creates an intruder once its size passes W's singular values): for a few
/// base matrices, `W + λ·σ_max(W)·u·vᵀ` with random unit u (output space) and v (input space),
/// measured like a fine-tune at each λ.
public struct ProbeRecord: Codable, Equatable, Sendable {
    /// The λ values, in units of each matrix's largest singular value.
    public var lambdas: [Double]
    /// The probed matrices, in name order.
    public var matrices: [ProbeMatrix]

    public init(lambdas: [Double], matrices: [ProbeMatrix]) {
        self.lambdas = lambdas
        self.matrices = matrices
    }
}

/// One probed base matrix.
public struct ProbeMatrix: Codable, Equatable, Sendable {
    /// Base tensor name.
    public var name: String
    /// σ_max(W0).
    public var largestSingularValue: Double
    /// Intruders among the top k at the analysis ε, per λ.
    public var intruders: [Int]
    /// Per λ, the max |cos| against all of W0's vectors of the top-k vector most aligned with the
    /// added direction (u for left vectors, v for right).
    public var newVectorMaxCosine: [Float]
    /// Per λ, that vector's rank in the perturbed spectrum (0-based).
    public var newVectorRank: [Int]

    public init(
        name: String, largestSingularValue: Double, intruders: [Int], newVectorMaxCosine: [Float], newVectorRank: [Int]
    ) {
        self.name = name
        self.largestSingularValue = largestSingularValue
        self.intruders = intruders
        self.newVectorMaxCosine = newVectorMaxCosine
        self.newVectorRank = newVectorRank
    }
}
