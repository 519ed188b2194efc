import CLapacke
import SpeclensCheckpoints

/// The SVD of a float32 matrix computed in float64 (LAPACK dgesdd), as the truth of bounds tests.
public struct Float64SVD {
    public let rows: Int, columns: Int
    public let values: [Double]
    /// Column-major `rows × p` and `p × columns`.
    public let u: [Double], vt: [Double]

    public init(_ matrix: Matrix) {
        rows = matrix.rows
        columns = matrix.columns
        let p = min(rows, columns)
        var a = [Double](repeating: 0, count: rows * columns)
        for i in 0..<rows { for j in 0..<columns { a[i + j * rows] = Double(matrix[i, j]) } }
        var s = [Double](repeating: 0, count: p)
        var u = [Double](repeating: 0, count: rows * p)
        var vt = [Double](repeating: 0, count: p * columns)
        _ = LAPACKE_dgesdd(
            LAPACK_COL_MAJOR, Int8(UInt8(ascii: "S")), Int32(rows), Int32(columns), &a, Int32(rows), &s, &u,
            Int32(rows),
            &vt, Int32(p))
        values = s
        self.u = u
        self.vt = vt
    }

    public func left(_ i: Int) -> [Double] { (0..<rows).map { u[$0 + i * rows] } }
    public func right(_ i: Int) -> [Double] { (0..<columns).map { vt[i + $0 * values.count] } }
}
