import SpeclensCheckpoints

/// The range of values a weight matrix may hold to be analysed: finite values beyond it (a
/// damaged file) would overflow float32 in the decompositions and their controls, so such a
/// matrix is left out as damaged (``ExclusionReason/outOfRange(count:largest:)``).
enum WeightRange {
    /// 1e15: far above any trained weight, and low enough that squares summed over a row of 10⁵
    /// values stay within float32.
    static let largestMagnitude: Float = 1e15

    /// `matrix` when every value lies within ±``largestMagnitude``.
    /// - Throws: ``AnalysisError/valuesOutOfRange(tensor:count:largest:)`` naming `tensor`.
    static func checked(_ matrix: Matrix, tensor: String) throws -> Matrix {
        var outside = 0
        var largest: Float = 0
        matrix.values.withUnsafeBufferPointer { buffer in
            for value in buffer where abs(value) > largestMagnitude {
                outside += 1
                largest = max(largest, abs(value))
            }
        }
        guard outside == 0 else {
            throw AnalysisError.valuesOutOfRange(tensor: tensor, count: outside, largest: Double(largest))
        }
        return matrix
    }
}
