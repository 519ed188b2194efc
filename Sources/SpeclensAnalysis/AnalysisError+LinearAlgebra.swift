import SpeclensLinearAlgebra

extension AnalysisError {
    /// The analysis error that says what `error` says (same case, same message).
    init(_ error: LinearAlgebraError) {
        switch error {
        case .lapackFailure(let routine, let info, let matrix):
            self = .lapackFailure(routine: routine, info: info, matrix: matrix)
        case .nonFiniteMatrix(let matrix, let count):
            self = .nonFiniteMatrix(matrix: matrix, count: count)
        case .matrixTooLarge(let matrix, let shape):
            self = .matrixTooLarge(matrix: matrix, shape: shape)
        }
    }

    /// `body`'s result; a ``LinearAlgebraError`` it throws is thrown as the matching analysis error,
    /// any other error as it is.
    static func mappingLinearAlgebra<T>(_ body: () throws -> T) rethrows -> T {
        do {
            return try body()
        } catch let error as LinearAlgebraError {
            throw AnalysisError(error)
        }
    }
}
