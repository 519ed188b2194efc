import SpeclensCheckpoints
import SpeclensDataset
import SpeclensLinearAlgebra

/// What the comparison of a fine-tuned decomposition with the base one gives, computed the same
/// way for a run and for its null controls: max |cos| of the top-k vectors, intruder counts,
/// intruders across the spectrum, the similarity block and, where the compared space is larger
/// than the pre-trained span, how much of each top vector lies in that span.
struct VectorMeasures {
    /// Max |cos| of the top-k fine-tuned vectors.
    let maxCosines: [Float]
    /// Intruders among them at ε and on the grid.
    let intruders: IntruderCount
    /// Intruders across the whole spectrum, per rank bucket; nil when not asked for.
    let spectrumFractions: [Double]?
    /// The top-N × top-N similarity block.
    let similarity: [[Float]]
    /// Norm of each top-k vector's projection on the pre-trained span; nil when that span is the
    /// whole compared space.
    let spanFractions: [Float]?
    /// Norm of each top-k vector's projection on the span of the base's top 2k vectors of the
    /// compared side (docs/method.md §1.7).
    let topSpanFractions: [Float]

    init(base: SingularValueDecomposition, tuned: SingularValueDecomposition, parameters: AnalysisParameters) {
        let p = base.count
        let k = min(parameters.topK, p)
        let n = min(parameters.similarityTopN, p)
        // Intruders across the spectrum need every fine-tuned vector: one p × p product, small
        // next to the SVD itself. A decomposition of the top triplets only gives none.
        let wholeSpectrum = parameters.spectrumBuckets > 0 && tuned.count >= p
        let comparison = SingularVectorComparison(
            base: base, tuned: tuned, side: parameters.singularVectors,
            tunedCount: wholeSpectrum ? tuned.count : max(k, n))
        let allMaxCosines = comparison.maxCosines(first: comparison.cosines.columns)
        maxCosines = Array(allMaxCosines.prefix(k))
        intruders = IntruderCount(maxCosines: maxCosines, epsilon: parameters.epsilon, grid: parameters.epsilonGrid)
        spectrumFractions =
            wholeSpectrum
            ? MatrixComparisonAnalysis.bucketFractions(
                maxCosines: allMaxCosines, epsilon: parameters.epsilon, buckets: parameters.spectrumBuckets)
            : nil
        similarity = comparison.similarity(topN: n)
        let dimension = parameters.singularVectors == .left ? base.rows : base.columns
        spanFractions = dimension > p ? comparison.columnNorms(first: k) : nil
        topSpanFractions = comparison.columnNorms(first: k, baseVectors: 2 * k)
    }
}
