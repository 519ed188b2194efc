import Foundation
import SpeclensCheckpoints

/// A decomposition with a known answer, to check that a kernel set computes what the default
/// kernels compute before speclens uses it: `A = U·diag(σ)·Vᵀ` (256 × 160) built in double
/// precision from orthonormal DCT-II bases and well separated singular values 10 … 1, rounded to
/// float32 and decomposed by ``SingularValueDecomposition`` (LAPACK `sgesdd`, whose blocked steps
/// run the BLAS kernels at this size).
///
/// It agrees when every singular value is within `1e-4·σ_max` of the constructed one and every
/// singular vector (left and right) has `|cos| ≥ 1 − 1e-4` with the constructed one (vectors are
/// defined up to sign). float32 kernels of any family meet this by two orders of magnitude.
public enum BLASKernelCheck {
    /// Rows (output dimension) of the test matrix.
    public static let rows = 256
    /// Columns (input dimension) of the test matrix.
    public static let columns = 160
    /// Tolerance on singular values relative to `σ_max`, and on `1 − |cos|` of vectors.
    static let tolerance = 1e-4

    /// The outcome of a check.
    public enum Outcome: Equatable, Sendable {
        /// All values and vectors within the tolerance; the largest deviations seen.
        case agrees(valueError: Double, vectorError: Double)
        /// Something outside it (or LAPACK failed), described for the user.
        case differs(String)
    }

    /// The constructed singular values, descending from 10 to 1 in equal steps.
    public static var values: [Double] {
        let p = min(rows, columns)
        return (0..<p).map { 10 - 9 * Double($0) / Double(p - 1) }
    }

    /// Entry `(i, k)` of the orthonormal DCT-II basis of size `n`: its column k is the k-th
    /// cosine vector `c_k·cos(π(2i+1)k / 2n)` with `c_0 = √(1/n)`, `c_k = √(2/n)`.
    static func basis(_ n: Int, _ i: Int, _ k: Int) -> Double {
        let scale = k == 0 ? (1 / Double(n)).squareRoot() : (2 / Double(n)).squareRoot()
        return scale * cos(Double.pi * Double(2 * i + 1) * Double(k) / Double(2 * n))
    }

    /// The test matrix, row-major `rows × columns` float32.
    public static var matrix: Matrix {
        let sigma = values
        var out = [Float](repeating: 0, count: rows * columns)
        for i in 0..<rows {
            let u = sigma.indices.map { basis(rows, i, $0) * sigma[$0] }
            for j in 0..<columns {
                var sum = 0.0
                for k in sigma.indices { sum += u[k] * basis(columns, j, k) }
                out[i * columns + j] = Float(sum)
            }
        }
        return Matrix(rows: rows, columns: columns, values: out)
    }

    /// Decomposes ``matrix`` with the kernels in use and compares it with the construction.
    public static func run() -> Outcome {
        do {
            let svd = try SingularValueDecomposition(of: matrix, name: "kernel check")
            return compare(values: svd.values, left: svd.left, rightTransposed: svd.rightTransposed)
        } catch {
            return .differs("the decomposition failed: \(error)")
        }
    }

    /// Compares a decomposition of ``matrix`` (as ``SingularValueDecomposition`` holds it) with
    /// the constructed factors.
    public static func compare(values computed: [Float], left: Matrix, rightTransposed: Matrix) -> Outcome {
        let sigma = values
        guard computed.count == sigma.count, left.rows == rows, left.columns == sigma.count,
            rightTransposed.rows == sigma.count, rightTransposed.columns == columns
        else {
            return .differs("the decomposition has the wrong shape")
        }
        var valueError = 0.0
        var vectorError = 0.0
        for k in sigma.indices {
            valueError = max(valueError, abs(Double(computed[k]) - sigma[k]) / sigma[0])
            var leftCosine = 0.0
            var rightCosine = 0.0
            for i in 0..<rows { leftCosine += Double(left[i, k]) * basis(rows, i, k) }
            for j in 0..<columns { rightCosine += Double(rightTransposed[k, j]) * basis(columns, j, k) }
            vectorError = max(vectorError, 1 - abs(leftCosine), 1 - abs(rightCosine))
            if !(valueError <= tolerance) {
                return .differs(
                    "singular value \(k + 1) is \(computed[k]), expected \(String(format: "%.6f", sigma[k]))")
            }
            if !(vectorError <= tolerance) {
                return .differs(
                    "singular vector \(k + 1) deviates by 1 − |cos| = \(String(format: "%.2e", vectorError))")
            }
        }
        return .agrees(valueError: valueError, vectorError: vectorError)
    }
}
