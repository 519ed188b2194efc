import SpeclensCheckpoints
import SpeclensLinearAlgebra

extension SpectralAnalyzer {
    /// The full decomposition of a job's base matrix `w0` (in analysis orientation): read from
    /// ``baseCache`` when it holds a valid entry, else computed (and stored there). The key takes
    /// the OpenBLAS threads the scheduler runs this shape with (``BLASThreadRule``), not the
    /// global setting, which other jobs may change. For a whole-spectrum job whose compared side
    /// is derived (``SingularValueDecomposition/derivedSide``), that side is formed before it is
    /// stored, so that the entry holds it for the next analysis of the same matrix.
    func baseDecomposition(of w0: Matrix, job: MatrixJob) throws -> SingularValueDecomposition {
        let compute = {
            let decomposition = try AnalysisError.mappingLinearAlgebra {
                try SingularValueDecomposition.complete(of: w0, name: job.name)
            }
            if job.wholeSpectrum, decomposition.derivedSide == self.parameters.singularVectors.decompositionSide {
                decomposition.formDerivedSide()
            }
            return decomposition
        }
        guard let baseCache else { return try compute() }
        let key = DecompositionCacheKey(
            analysed: w0, storedShape: job.shape, storedDType: job.baseDType.rawValue,
            transposed: job.orientation.transposed,
            blas: DecompositionCacheKey.blas(threads: BLASThreadRule.threads(rows: w0.rows, columns: w0.columns)))
        return try baseCache.decomposition(key: key, name: job.name, source: w0, compute: compute)
    }
}
