import Foundation
import SpeclensCheckpoints

@testable import SpeclensLinearAlgebra

/// A non-square matrix `W = U Σ Vᵀ` built from a known SVD, for analytic tests.
public struct KnownSVD {
    public let out: Int
    public let inputs: Int
    /// `out × p`, row-major, orthonormal columns.
    public let u: [Double]
    /// `in × p`, row-major, orthonormal columns.
    public let v: [Double]
    public let sigma: [Double]
    public let matrix: Matrix

    /// Random orthonormal U and V (fixed seed) with singular values `sigma`.
    public init(out: Int, inputs: Int, sigma: [Double], seed: UInt64) {
        var random = SeededRandom(seed: seed)
        let p = sigma.count
        self.out = out
        self.inputs = inputs
        self.sigma = sigma
        u = OrthonormalBasis.random(rows: out, columns: p, using: &random)
        v = OrthonormalBasis.random(rows: inputs, columns: p, using: &random)
        matrix = OrthonormalBasis.compose(u: u, sigma: sigma, v: v, out: out, in: inputs)
    }

    /// Column `j` of U.
    public func leftVector(_ j: Int) -> [Double] { (0..<out).map { u[$0 * sigma.count + j] } }
    /// Column `j` of V.
    public func rightVector(_ j: Int) -> [Double] { (0..<inputs).map { v[$0 * sigma.count + j] } }

    /// `matrix + lambda · a · bᵀ` (a of length out, b of length in).
    public func adding(_ lambda: Double, _ a: [Double], _ b: [Double]) -> Matrix {
        var w = matrix
        for i in 0..<out {
            for j in 0..<inputs { w[i, j] += Float(lambda * a[i] * b[j]) }
        }
        return w
    }

    /// Geometrically decaying singular values `top · ratio^i`, well separated.
    public static func decaying(_ count: Int, top: Double = 10, ratio: Double = 0.8) -> [Double] {
        (0..<count).map { top * pow(ratio, Double($0)) }
    }
}

/// |⟨a, b⟩| in float64.
public func absoluteCosine(_ a: [Double], _ b: [Double]) -> Double {
    abs(zip(a, b).reduce(0) { $0 + $1.0 * $1.1 })
}
