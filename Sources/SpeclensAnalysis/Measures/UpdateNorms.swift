/// Size measures of an update ΔW (docs/method.md §9).
struct UpdateNorms: Equatable, Sendable {
    /// ‖ΔW‖_F.
    let frobenius: Double
    /// ‖ΔW‖_2, the largest singular value.
    let spectral: Double
    /// ‖ΔW‖_F / ‖W0‖_F, nil when W0 is zero.
    let relativeChange: Double?
    /// `Σσ² / σ_max²`, nil when ΔW is zero.
    let stableRank: Double?

    /// Norms from ΔW's singular values and the base's Frobenius norm. `frobenius` may be given
    /// when it was summed directly from the entries (more accurate than from the values).
    init(singularValues: [Double], baseFrobenius: Double, frobenius: Double? = nil) {
        let squares = singularValues.reduce(0) { $0 + $1 * $1 }
        let largest = singularValues.max() ?? 0
        self.frobenius = frobenius ?? squares.squareRoot()
        spectral = largest
        relativeChange = baseFrobenius > 0 ? self.frobenius / baseFrobenius : nil
        stableRank = largest > 0 ? squares / (largest * largest) : nil
    }
}
