/// One side of a thin SVD `W = U Σ Vᵀ` of a row-major `out × in` matrix: the left singular
/// vectors U (columns in the output space) or the right ones V (in the input space).
public enum DecompositionSide: Sendable, Equatable {
    /// U, `out × p`.
    case left
    /// V, `in × p` (held as Vᵀ, `p × in`).
    case right
}
