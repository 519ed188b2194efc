import CLapacke
import SpeclensCheckpoints

extension SingularValueDecomposition {
    /// The exact top `count` triplets of `matrix` by LAPACK's selected-triplet driver `sgesvdx`
    /// (range 'I', indices 1…count), on the same column-major view Wᵀ as the full decomposition.
    /// - Throws: ``LinearAlgebraError/lapackFailure(routine:info:matrix:)`` when it fails.
    public static func top(of matrix: Matrix, count: Int, name: String) throws -> SingularValueDecomposition {
        try checkSize(matrix, name: name)
        let (rows, columns) = (matrix.rows, matrix.columns)
        let l = min(count, min(rows, columns))
        let m = Int32(columns)
        let n = Int32(rows)
        var a = matrix.values
        var found: Int32 = 0
        var s = [Float](repeating: 0, count: min(rows, columns))
        var u = [Float](repeating: 0, count: columns * l)  // in × l column-major = Vᵀ (l × in) row-major
        var vt = [Float](repeating: 0, count: l * rows)  // l × out column-major = U (out × l) row-major
        var superb = [Int32](repeating: 0, count: 12 * min(rows, columns))
        let info = LAPACKE_sgesvdx(
            LAPACK_COL_MAJOR, char("V"), char("V"), char("I"), m, n, &a, m, 0, 0, 1, Int32(l), &found, &s, &u, m,
            &vt, Int32(l), &superb)
        guard info == 0, Int(found) == l else {
            throw LinearAlgebraError.lapackFailure(routine: "sgesvdx", info: Int(info == 0 ? -1 : info), matrix: name)
        }
        return SingularValueDecomposition(
            values: Array(s.prefix(l)), left: Matrix(rows: rows, columns: l, values: vt),
            rightTransposed: Matrix(rows: l, columns: columns, values: u))
    }
}
