import CLapacke
import SpeclensCheckpoints

/// Float32 matrix products through BLAS `sgemm`, on row-major matrices.
enum MatrixProduct {
    /// `op(a) · op(b)` with `op` the transpose when asked.
    static func multiply(_ a: Matrix, _ b: Matrix, transposeA: Bool = false, transposeB: Bool = false) -> Matrix {
        let m = transposeA ? a.columns : a.rows
        let k = transposeA ? a.rows : a.columns
        let n = transposeB ? b.rows : b.columns
        precondition(k == (transposeB ? b.columns : b.rows), "inner dimensions differ")
        var c = [Float](repeating: 0, count: m * n)
        guard m > 0, n > 0, k > 0 else { return Matrix(rows: m, columns: n, values: c) }
        cblas_sgemm(
            CblasRowMajor, transposeA ? CblasTrans : CblasNoTrans, transposeB ? CblasTrans : CblasNoTrans,
            Int32(m), Int32(n), Int32(k), 1, a.values, Int32(a.columns), b.values, Int32(b.columns), 0, &c, Int32(n))
        return Matrix(rows: m, columns: n, values: c)
    }

    /// The first `count` columns of `matrix`.
    static func columns(_ matrix: Matrix, _ count: Int) -> Matrix {
        let count = min(count, matrix.columns)
        var values = [Float](repeating: 0, count: matrix.rows * count)
        for row in 0..<matrix.rows {
            for column in 0..<count { values[row * count + column] = matrix[row, column] }
        }
        return Matrix(rows: matrix.rows, columns: count, values: values)
    }

    /// The first `count` rows of `matrix`.
    static func rows(_ matrix: Matrix, _ count: Int) -> Matrix {
        let count = min(count, matrix.rows)
        return Matrix(rows: count, columns: matrix.columns, values: Array(matrix.values.prefix(count * matrix.columns)))
    }

    /// Sum of squares, in float64.
    static func squaredNorm(_ matrix: Matrix) -> Double {
        matrix.values.reduce(0.0) { $0 + Double($1) * Double($1) }
    }
}
