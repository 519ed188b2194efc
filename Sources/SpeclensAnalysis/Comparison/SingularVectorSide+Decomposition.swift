import SpeclensDataset
import SpeclensLinearAlgebra

extension SingularVectorSide {
    /// The side of a decomposition `W = U Σ Vᵀ` these vectors are: U for `.left`, V for `.right`.
    var decompositionSide: DecompositionSide {
        switch self {
        case .left: .left
        case .right: .right
        }
    }
}
