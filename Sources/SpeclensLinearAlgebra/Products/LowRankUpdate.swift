import SpeclensCheckpoints

/// A low-rank update `scale · B · A` of a matrix in analysis orientation: a LoRA adapter's (B
/// `out × r`, A `r × in`, `scale = α/r` or as the adapter sets it) or a low-rank null control's.
public struct LowRankUpdate: Sendable {
    /// B, `out × r` row-major.
    public let b: Matrix
    /// A, `r × in` row-major.
    public let a: Matrix
    /// The factor the product is multiplied by.
    public let scale: Double

    public init(b: Matrix, a: Matrix, scale: Double) {
        self.b = b
        self.a = a
        self.scale = scale
    }

    /// The rank r of the factors (an upper bound of the update's rank).
    public var rank: Int { b.columns }

    /// BᵀB and A·Aᵀ (`r × r` row-major; float32 products, widened to float64).
    public func factorGrams() -> (bTb: [Double], aaT: [Double]) {
        (
            MatrixProduct.multiply(b, b, transposeA: true).values.map(Double.init),
            MatrixProduct.multiply(a, a, transposeB: true).values.map(Double.init)
        )
    }

    /// `‖B·A‖²_F = tr(BᵀB · A·Aᵀ)` in float64, without forming B·A (O((out + in)·r²)); the
    /// update's squared norm is this times `scale²`.
    public var squaredFactorNorm: Double {
        let (bTb, aaT) = factorGrams()
        return Self.trace(bTb, aaT, order: rank)
    }

    /// `tr(X·Y)` of two `order × order` row-major matrices.
    public static func trace(_ x: [Double], _ y: [Double], order r: Int) -> Double {
        var total = 0.0
        for i in 0..<r { for j in 0..<r { total += x[i * r + j] * y[j * r + i] } }
        return total
    }
}
