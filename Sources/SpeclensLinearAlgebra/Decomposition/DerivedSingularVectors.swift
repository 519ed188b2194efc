import SpeclensCheckpoints
import Synchronization

/// The side of a decomposition that is not stored but follows from W and the stored side:
/// `U = W·V·Σ⁻¹` (`out × p`) when the left side is derived, `Vᵀ = Σ⁻¹·Uᵀ·W` (`p × in`) when the
/// right one is (docs/method.md §1.6). Only decompositions from the float64 Gram matrix with
/// `σ_p / σ_1 ≥ 10⁻³` derive a side (``GramEigenTriplets/all(of:factored:)``),
/// so Σ⁻¹ is bounded; every product is in float64 from the stored float32 vectors and values,
/// so a decomposition read from the cache derives exactly what the computed one does.
///
/// Products with the derived side (``projections(_:columns:stored:values:)``) never form it;
/// ``matrix(stored:values:)`` forms it once, on first use, for the readers that need all of it.
final class DerivedSingularVectors: Sendable {
    /// The derived side.
    let side: DecompositionSide
    /// W, `out × in` row-major (the matrix decomposed, in analysis orientation).
    let source: Matrix
    private let formed: Mutex<Matrix?>

    /// - Parameter formed: the whole derived side when it was formed before (read back from the
    ///   cache, exactly as ``matrix(stored:values:)`` formed it).
    init(side: DecompositionSide, source: Matrix, formed: Matrix? = nil) {
        self.side = side
        self.source = source
        self.formed = Mutex(formed)
    }

    /// The whole derived side if it has been formed; nil otherwise.
    var formedMatrix: Matrix? { formed.withLock { $0 } }

    /// The whole derived side, formed on first use: `U` (`out × p`) or `Vᵀ` (`p × in`).
    func matrix(stored: Matrix, values: [Float]) -> Matrix {
        formed.withLock { formed in
            if let formed { return formed }
            let matrix = vectors(first: values.count, stored: stored, values: values)
            formed = matrix
            return matrix
        }
    }

    /// The first `count` derived vectors: U's first columns (`out × count`) or Vᵀ's first rows
    /// (`count × in`), in float64 from W, rounded to float32.
    func vectors(first count: Int, stored: Matrix, values: [Float]) -> Matrix {
        let l = min(count, values.count)
        let product = Float64Product(source)
        switch side {
        case .left:  // U[:, :l] = W · V[:, :l] · Σ⁻¹; V[:, :l] is the first l rows of Vᵀ, transposed.
            var v = [Double](repeating: 0, count: source.columns * l)
            for i in 0..<l { for c in 0..<source.columns { v[c * l + i] = Double(stored[i, c]) } }
            let u = product.times(v, columns: l)
            return Matrix(rows: source.rows, columns: l, values: Self.scaled(u, columns: l, by: values))
        case .right:  // V[:, :l] = Wᵀ · U[:, :l] · Σ⁻¹, returned as its transpose.
            var u = [Double](repeating: 0, count: source.rows * l)
            for r in 0..<source.rows { for i in 0..<l { u[r * l + i] = Double(stored[r, i]) } }
            let v = Self.scaled(product.transposedTimes(u, columns: l), columns: l, by: values)  // in × l
            var vt = [Float](repeating: 0, count: l * source.columns)
            for c in 0..<source.columns { for i in 0..<l { vt[i * source.columns + c] = v[c * l + i] } }
            return Matrix(rows: l, columns: source.columns, values: vt)
        }
    }

    /// The derived side's vectors against `x`, without forming the side: `Uᵀ·X = Σ⁻¹·Vᵀ·(Wᵀ·X)`
    /// for `x` `out × b` row-major (derived left), or `Vᵀ·Y = Σ⁻¹·Uᵀ·(W·Y)` for `y` `in × b`
    /// (derived right); `p × b` row-major, in float64 (O(out·in·b) multiply-adds).
    func projections(_ x: [Double], columns b: Int, stored: Matrix, values: [Float]) -> [Double] {
        let p = values.count
        let product = Float64Product(source)
        var out: [Double]
        switch side {
        case .left:
            let wtx = product.transposedTimes(x, columns: b)  // in × b
            out = Float64Product(stored).times(wtx, columns: b)  // Vᵀ (p × in) · WᵀX
        case .right:
            let wy = product.times(x, columns: b)  // out × b
            out = Float64Product(stored).transposedTimes(wy, columns: b)  // U (out × p)ᵀ · WY
        }
        for i in 0..<p {
            let inverse = 1 / Double(values[i])
            for j in 0..<b { out[i * b + j] *= inverse }
        }
        return out
    }

    /// `x` (`rows × columns` row-major) with column j divided by `values[j]`, rounded to float32.
    private static func scaled(_ x: [Double], columns: Int, by values: [Float]) -> [Float] {
        var out = [Float](repeating: 0, count: x.count)
        let inverses = (0..<columns).map { 1 / Double(values[$0]) }
        for row in 0..<(x.count / max(columns, 1)) {
            for j in 0..<columns { out[row * columns + j] = Float(x[row * columns + j] * inverses[j]) }
        }
        return out
    }
}
