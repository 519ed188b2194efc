import SpeclensCheckpoints
import SpeclensDataset
import SpeclensLinearAlgebra

/// Compares step k ≥ 2 of a stack with step k − 1 for one matrix: step k − 1's weights W_{k−1}
/// are merged from the base (as the step's own analysis merges them: in float32, adapter after
/// adapter), decomposed, and used as the reference of a ``MatrixComparisonAnalysis`` comparison
/// in place of W0, with the step's own adapter as the update. Memory: W_{k−1} and its
/// decomposition besides the job's own matrices, released when the comparison is made.
struct PreviousStepAnalysis {
    let analysis: MatrixComparisonAnalysis

    /// The comparison of the step with its previous step.
    /// - Parameters:
    ///   - stored: W0 as stored; `w0` and `decomposition` in analysis orientation (reused when the
    ///     earlier steps leave the matrix unchanged).
    ///   - baseDType: W0's storage format (a merged W_{k−1} is float32).
    ///   - wholeSpectrum: whether this matrix gets the whole fine-tuned spectrum (see
    ///     ``WholeSpectrumSample``), as for the step's comparison with the base.
    func compare(
        name: String, planned: PlannedMatrix, step: StepUpdate, stored: Matrix, w0: Matrix,
        decomposition: SingularValueDecomposition, baseDType: StorageDType, orientation: MatrixOrientation,
        wholeSpectrum: Bool = true
    ) throws -> MatrixComparison {
        let previousStored: Matrix
        let previous: Matrix
        let previousDecomposition: SingularValueDecomposition
        let previousDType: StorageDType
        if case .unchanged = step.previous {
            (previousStored, previous, previousDecomposition, previousDType) = (stored, w0, decomposition, baseDType)
        } else {
            previousStored = try SpectralAnalyzer.applied(step.previous, to: stored)
            previous = orientation.transposed ? previousStored.transposed() : previousStored
            previousDecomposition = try AnalysisError.mappingLinearAlgebra {
                try SingularValueDecomposition.complete(of: previous, name: name)
            }
            previousDType = .f32
        }
        let tuned = try SpectralAnalyzer.load(step.step, base: previousStored, orientation: orientation)
        return try analysis.compare(
            name: name, base: previous, decomposition: previousDecomposition,
            baseFrobenius: MatrixComparisonAnalysis.frobenius(previous.values), baseDType: previousDType,
            tuned: tuned, tunedName: planned.tunedName, matchedBy: planned.matchedBy, controls: nil,
            wholeSpectrum: wholeSpectrum)
    }
}
