import SpeclensCheckpoints

extension SingularValueDecomposition {
    /// Every triplet of `matrix` by the cheaper accurate path: the float64 Gram eigen-decomposition
    /// (``GramEigenTriplets/all(of:factored:)``) for matrices at least twice as
    /// long as wide whose `σ_p / σ_1 ≥ 10⁻³`, storing the Gram side and deriving the other from
    /// `matrix` where it is read (``derivedSide``), else LAPACK `sgesdd` (``init(of:name:)``). Used
    /// for base matrices (and a stack's previous step); the analysis's base cache names this rule in
    /// its key (`DecompositionCacheKey.computation`).
    public static func complete(of matrix: Matrix, name: String) throws -> SingularValueDecomposition {
        try checkSize(matrix, name: name)
        return try GramEigenTriplets.allWhereCheaper(of: matrix) ?? SingularValueDecomposition(of: matrix, name: name)
    }
}
