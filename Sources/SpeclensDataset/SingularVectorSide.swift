/// Which singular vectors of `W = U Σ Vᵀ` (W stored `[out, in]`) are compared.
public enum SingularVectorSide: String, Codable, Equatable, Sendable, CaseIterable {
    /// Columns of U: directions in the layer's output space (the paper's default).
    case left
    /// Columns of V: directions in the layer's input space.
    case right
}
