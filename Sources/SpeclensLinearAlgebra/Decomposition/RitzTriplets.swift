import SpeclensCheckpoints

/// The b Ritz triplets of one Rayleigh–Ritz step, in float64, with their residual norms.
struct RitzTriplets {
    let rows: Int, columns: Int, size: Int
    /// σ̃, descending.
    let values: [Double]
    /// `out × b` row-major: column i is u_i.
    let left: [Double]
    /// `in × b` row-major: column i is v_i.
    let right: [Double]
    /// `√(‖W v_i − σ̃_i u_i‖² + ‖Wᵀu_i − σ̃_i v_i‖²)`.
    let residuals: [Double]

    /// The relative error (2⁻²³) of a float32 decomposition, added to each residual so that a
    /// certified vector agrees with the exact float32 path too, not only with the exact SVD.
    static let float32Sensitivity = 0x1p-23

    /// Wedin's bound on sin θ of each of the first `l` triplets (infinite where no positive gap
    /// can be shown, NaN-free); needs `l < size`.
    func sineBounds(count l: Int) -> [Double] {
        (0..<l).map { i in
            guard values[i].isFinite, residuals[i].isFinite else { return .infinity }
            let above = i == 0 ? Double.infinity : values[i - 1] - values[i]
            var highestBelow = -Double.infinity
            for j in (i + 1)...l { highestBelow = max(highestBelow, values[j] + residuals[j]) }
            let gap = min(above, values[i] - highestBelow)
            guard gap > 0 else { return .infinity }
            // Plus the float32 sensitivity of the exact path the result must agree with: LAPACK's
            // vectors of the float32 matrix move by about 2⁻²³·σ₁/gap themselves.
            return (residuals[i] + Self.float32Sensitivity * values[0]) / gap
        }
    }

    /// The first `l` triplets as a float32 ``SingularValueDecomposition``.
    func decomposition(count l: Int) -> SingularValueDecomposition {
        var u = [Float](repeating: 0, count: rows * l)
        for row in 0..<rows {
            for i in 0..<l { u[row * l + i] = Float(left[row * size + i]) }
        }
        var vt = [Float](repeating: 0, count: l * columns)
        for i in 0..<l {
            for column in 0..<columns { vt[i * columns + column] = Float(right[column * size + i]) }
        }
        return SingularValueDecomposition(
            values: values.prefix(l).map(Float.init), left: Matrix(rows: rows, columns: l, values: u),
            rightTransposed: Matrix(rows: l, columns: columns, values: vt))
    }

    /// The right Ritz vectors (`in × b`) rounded to float32, to continue iterating from.
    var rightVectorsFloat: [Float] { right.map(Float.init) }
}
