import CLapacke
import SpeclensCheckpoints

/// Products of a row-major float32 matrix W with float64 blocks, computed in float64 by `dgemm`
/// over blocks of W's rows converted to float64, so that the extra memory is one block (about
/// 2 MiB), not a float64 copy of W. Products of float32 numbers are exact in float64: the results
/// carry only float64 rounding.
struct Float64Product {
    let w: Matrix
    /// Rows of W converted to float64 at a time.
    let chunkRows: Int

    init(_ w: Matrix) {
        self.w = w
        chunkRows = max(1, min(w.rows, (1 << 18) / max(1, w.columns)))
    }

    /// `W · x`, `out × b` row-major, for `x` `in × b` row-major.
    func times(_ x: [Double], columns b: Int) -> [Double] {
        let n = w.columns
        var out = [Double](repeating: 0, count: w.rows * b)
        guard b > 0 else { return out }
        forEachChunk { start, rows, chunk in
            out.withUnsafeMutableBufferPointer { o in
                cblas_dgemm(
                    CblasRowMajor, CblasNoTrans, CblasNoTrans, Int32(rows), Int32(b), Int32(n), 1, chunk, Int32(n), x,
                    Int32(b), 0, o.baseAddress! + start * b, Int32(b))
            }
        }
        return out
    }

    /// `Wᵀ · y`, `in × b` row-major, for `y` `out × b` row-major.
    func transposedTimes(_ y: [Double], columns b: Int) -> [Double] {
        let n = w.columns
        var out = [Double](repeating: 0, count: n * b)
        guard b > 0 else { return out }
        forEachChunk { start, rows, chunk in
            y.withUnsafeBufferPointer { yp in
                cblas_dgemm(
                    CblasRowMajor, CblasTrans, CblasNoTrans, Int32(n), Int32(b), Int32(rows), 1, chunk, Int32(n),
                    yp.baseAddress! + start * b, Int32(b), 1, &out, Int32(b))
            }
        }
        return out
    }

    /// Calls `body(start, rows, chunk)` for consecutive blocks of W's rows converted to float64
    /// (`chunk` is `rows × in` row-major).
    private func forEachChunk(_ body: (_ start: Int, _ rows: Int, _ chunk: [Double]) -> Void) {
        let (m, n) = (w.rows, w.columns)
        var chunk = [Double](repeating: 0, count: chunkRows * n)
        for start in stride(from: 0, to: m, by: chunkRows) {
            let rows = min(chunkRows, m - start)
            Self.widen(w.values, from: start * n, count: rows * n, into: &chunk)
            body(start, rows, chunk)
        }
    }

    /// Writes `count` values of `source` from `offset` on, converted to float64, to `target`
    /// from `targetOffset` on.
    static func widen(
        _ source: [Float], from offset: Int, count: Int, into target: inout [Double], at targetOffset: Int = 0
    ) {
        precondition(
            offset >= 0 && targetOffset >= 0 && offset + count <= source.count
                && targetOffset + count <= target.count, "widen: range outside the arrays")
        source.withUnsafeBufferPointer { from in
            target.withUnsafeMutableBufferPointer { to in
                let (input, output) = (from.baseAddress! + offset, to.baseAddress! + targetOffset)
                for index in 0..<count { output[index] = Double(input[index]) }
            }
        }
    }
}
