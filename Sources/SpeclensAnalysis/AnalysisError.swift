/// Errors of the spectral analysis stage. Checkpoint problems are reported as the checkpoint
/// library's `CheckpointError` and pass through unchanged.
public enum AnalysisError: Error, Equatable, Sendable, CustomStringConvertible {
    /// A LAPACK routine failed on a matrix: `info < 0` is an invalid argument (a bug in speclens),
    /// `info > 0` means the SVD did not converge even after the fallback routine.
    case lapackFailure(routine: String, info: Int, matrix: String)
    /// A parameter is outside its valid range (name, value given, what is allowed).
    case invalidParameter(name: String, value: String, allowed: String)
    /// A matrix is too large for 32-bit LAPACK indices (name, shape).
    case matrixTooLarge(matrix: String, shape: [Int])
    /// The selection left no matrix to analyse in any run.
    case nothingToAnalyse(base: String)
    /// Two runs were given the same checkpoint path.
    case duplicateRun(path: String)

    public var description: String {
        switch self {
        case .lapackFailure(let routine, let info, let matrix) where info < 0:
            return "LAPACK \(routine) rejected argument \(-info) for matrix \(matrix): "
                + "this is a speclens bug; please report it with the matrix shape."
        case .lapackFailure(let routine, let info, let matrix):
            return "the SVD of matrix \(matrix) did not converge (LAPACK \(routine) info \(info)), "
                + "also with the fallback routine. The matrix may be badly scaled; exclude it with "
                + "--exclude and report the checkpoint."
        case .invalidParameter(let name, let value, let allowed):
            return "invalid \(name) \(value): \(allowed)"
        case .matrixTooLarge(let matrix, let shape):
            return "matrix \(matrix) \(shape) is too large for 32-bit LAPACK; exclude it with --exclude"
        case .nothingToAnalyse(let base):
            return "no weight matrix of \(base) was selected for analysis in any run. Check "
                + "--include/--exclude, or pass --include-embeddings / --include-heads; the "
                + "dataset's skipped lists say why each tensor was left out."
        case .duplicateRun(let path):
            return "the fine-tune \(path) was given twice; give each run once"
        }
    }
}
