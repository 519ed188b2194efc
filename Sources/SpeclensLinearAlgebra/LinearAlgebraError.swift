/// Errors of the numerics: a matrix LAPACK cannot take or did not decompose. `matrix` names the
/// matrix as the caller gave it (the `name` argument of the decompositions); it only labels the
/// message.
public enum LinearAlgebraError: Error, Equatable, Sendable, CustomStringConvertible {
    /// A LAPACK routine failed on a matrix: `info < 0` is an invalid argument (a bug in speclens),
    /// `info > 0` means the SVD did not converge even after the fallback routine.
    case lapackFailure(routine: String, info: Int, matrix: String)
    /// A matrix holds `count` NaN or infinite values, so it cannot be decomposed.
    case nonFiniteMatrix(matrix: String, count: Int)
    /// A matrix is too large for 32-bit LAPACK indices (name, shape).
    case matrixTooLarge(matrix: String, shape: [Int])

    public var description: String {
        switch self {
        case .lapackFailure(let routine, let info, let matrix) where info < 0:
            return "LAPACK \(routine) rejected argument \(-info) for matrix \(matrix): "
                + "this is a speclens bug; please report it with the matrix shape."
        case .nonFiniteMatrix(let matrix, let count):
            return
                "matrix \(matrix) came out with \(count) NaN or infinite value(s) (an overflow of float32) and cannot be decomposed"
        case .lapackFailure(let routine, let info, let matrix):
            return "the SVD of matrix \(matrix) did not converge (LAPACK \(routine) info \(info)), "
                + "also with the fallback routine. The matrix may be badly scaled; leave it out of "
                + "the selection and report the checkpoint."
        case .matrixTooLarge(let matrix, let shape):
            return "matrix \(matrix) \(shape) is too large for 32-bit LAPACK; leave it out of the selection"
        }
    }
}
