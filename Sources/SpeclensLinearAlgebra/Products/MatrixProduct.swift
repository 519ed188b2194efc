import CLapacke
import SpeclensCheckpoints

/// Float32 matrix products through BLAS `sgemm`, on row-major matrices.
public enum MatrixProduct {
    /// `op(a) · op(b)` with `op` the transpose when asked.
    public static func multiply(_ a: Matrix, _ b: Matrix, transposeA: Bool = false, transposeB: Bool = false) -> Matrix
    {
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

    /// `c + scale · b · a` in float32 (one `sgemm` with `beta = 1` on a copy of c; `scale` is
    /// rounded to float32): c `m × n`, b `m × r`, a `r × n`.
    public static func multiplyAdd(_ b: Matrix, _ a: Matrix, scale: Double, to c: Matrix) -> Matrix {
        var sum = c.values
        cblas_sgemm(
            CblasRowMajor, CblasNoTrans, CblasNoTrans, Int32(c.rows), Int32(c.columns),
            Int32(b.columns), Float(scale), b.values, Int32(b.columns), a.values, Int32(a.columns),
            1, &sum, Int32(c.columns))
        return Matrix(rows: c.rows, columns: c.columns, values: sum)
    }

    /// `aᵀ · b[:, :count]`, `a.columns × count`: a `n × p`, and of b (`n × q`, q ≥ count) only the
    /// first `count` columns are read, in place (b's row length is its leading dimension).
    public static func transposedTimesColumns(_ a: Matrix, _ b: Matrix, count: Int) -> Matrix {
        var c = [Float](repeating: 0, count: a.columns * count)
        cblas_sgemm(
            CblasRowMajor, CblasTrans, CblasNoTrans, Int32(a.columns), Int32(count), Int32(a.rows),
            1, a.values, Int32(a.columns), b.values, Int32(b.columns),
            0, &c, Int32(count))
        return Matrix(rows: a.columns, columns: count, values: c)
    }

    /// `a · b[:count, :]ᵀ`, `a.rows × count`: a `p × n`, and of b (`q × n`, q ≥ count) only the
    /// first `count` rows are read.
    public static func timesTransposedRows(_ a: Matrix, _ b: Matrix, count: Int) -> Matrix {
        var c = [Float](repeating: 0, count: a.rows * count)
        cblas_sgemm(
            CblasRowMajor, CblasNoTrans, CblasTrans, Int32(a.rows), Int32(count), Int32(a.columns),
            1, a.values, Int32(a.columns), b.values,
            Int32(b.columns), 0, &c, Int32(count))
        return Matrix(rows: a.rows, columns: count, values: c)
    }

    /// The first `count` columns of `matrix`.
    public static func columns(_ matrix: Matrix, _ count: Int) -> Matrix {
        let count = min(count, matrix.columns)
        var values = [Float](repeating: 0, count: matrix.rows * count)
        for row in 0..<matrix.rows {
            for column in 0..<count { values[row * count + column] = matrix[row, column] }
        }
        return Matrix(rows: matrix.rows, columns: count, values: values)
    }

    /// The first `count` rows of `matrix`.
    public static func rows(_ matrix: Matrix, _ count: Int) -> Matrix {
        let count = min(count, matrix.rows)
        return Matrix(rows: count, columns: matrix.columns, values: Array(matrix.values.prefix(count * matrix.columns)))
    }

    /// Sum of squares, in float64.
    public static func squaredNorm(_ matrix: Matrix) -> Double {
        matrix.values.reduce(0.0) { $0 + Double($1) * Double($1) }
    }
}
