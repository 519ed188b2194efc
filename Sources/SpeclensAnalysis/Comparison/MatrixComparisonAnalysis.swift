import Foundation
import SpeclensCheckpoints
import SpeclensDataset
import SpeclensLinearAlgebra

/// All measures of one pre-trained matrix against one or more fine-tuned versions of it.
/// The base is decomposed once and compared with every run.
struct MatrixComparisonAnalysis: Sendable {
    /// The settings (k, ε, grid, N, side) to compute with.
    let parameters: AnalysisParameters

    /// The record of the base matrix itself: shape, location, spectrum, clamped k and N, the
    /// random-direction baseline of its compared space.
    /// - Parameters:
    ///   - storedShape: the shape as stored in the checkpoint.
    ///   - matrix: W0 in analysis orientation (rows = output space).
    ///   - dtype: the format W0 is stored in.
    func baseRecord(
        name: String, storedShape: [Int], orientation: MatrixOrientation = .outIn,
        note: String? = nil, matrix w0: Matrix, decomposition: SingularValueDecomposition,
        dtype: StorageDType? = nil
    ) -> BaseMatrixRecord {
        let location = TensorName(name)
        let p = decomposition.count
        let dimension = parameters.singularVectors == .left ? w0.rows : w0.columns
        let baseline = RandomDirectionBaseline.of(dimension: dimension, basisSize: p)
        return BaseMatrixRecord(
            name: name, shape: storedShape, layer: location.layer, module: location.module,
            orientation: orientation, note: note, singularVectors: parameters.singularVectors,
            vectorDimension: dimension,
            topK: min(parameters.topK, p), similarityTopN: min(parameters.similarityTopN, p),
            randomBaselineMaxCosine: baseline.mean,
            frobeniusNorm: Self.frobenius(w0.values),
            singularValues: decomposition.values,
            randomBaselineMaxCosineP95: baseline.percentile95, dtype: dtype)
    }

    /// Compares W0 (with its decomposition) with one run's fine-tuned weights.
    /// - Parameters:
    ///   - name: the base tensor name; `tunedName`/`matchedBy` are recorded as given.
    ///   - baseDType: the format W0 is stored in (sets the rounding floor of a stored ΔW).
    ///   - controls: how to draw this run's null controls for the matrix; nil for none.
    ///   - wholeSpectrum: whether this matrix gets Wt's whole spectrum and the
    ///     intruders-across-the-spectrum measure (``WholeSpectrumSample``); otherwise only the top
    ///     `max(k, N)` triplets are computed (docs/method.md §1.6).
    func compare(
        name: String, base w0: Matrix, decomposition base: SingularValueDecomposition,
        baseFrobenius: Double, baseDType: StorageDType = .f32, tuned: TunedWeights, tunedName: String,
        matchedBy: MatchedBy, controls: NullControlPlan? = nil, wholeSpectrum: Bool = true
    ) throws -> MatrixComparison {
        let wt: Matrix
        let deltaValues: [Double]
        var directFrobenius: Double?
        var storageFloor: Double?
        var tunedDType: StorageDType?
        var delta: [Float]?
        var factors: LowRankUpdate?
        var lowRank: LowRankMeasures?
        switch tuned {
        case .unchanged:
            return unchanged(name: name, base: base, tunedName: tunedName, matchedBy: matchedBy)
        case .replacement(let matrix, let dtype):
            if matrix.values == w0.values {
                return unchanged(name: name, base: base, tunedName: tunedName, matchedBy: matchedBy)
            }
            wt = matrix
            var difference = matrix.values
            for index in difference.indices { difference[index] -= w0.values[index] }
            delta = difference
            directFrobenius = Self.frobenius(difference)
            let deltaMatrix = Matrix(rows: w0.rows, columns: w0.columns, values: difference)
            deltaValues = try Self.singularValues(of: deltaMatrix, name: name)
            storageFloor = StorageRounding.noiseFloor(base: w0, baseDType: baseDType, tuned: matrix, tunedDType: dtype)
            tunedDType = dtype
        case .lowRank(let b, let a, let scale):
            deltaValues = try AnalysisError.mappingLinearAlgebra {
                try LowRankSpectrum.singularValues(b: b, a: a, scale: scale, name: name)
            }
            if deltaValues.allSatisfy({ $0 == 0 }) {
                return unchanged(name: name, base: base, tunedName: tunedName, matchedBy: matchedBy)
            }
            wt = Self.merge(base: w0, b: b, a: a, scale: scale)
            lowRank = try LowRankAnalysis.measures(b: b, a: a, scale: scale, w0: w0, base: base, name: name)
            factors = LowRankUpdate(b: b, a: a, scale: scale)
        }

        let tuned = try TunedDecomposer(parameters: parameters).decompose(
            wt, base: base, w0: w0, wholeSpectrum: wholeSpectrum, seed: TunedDecomposer.seed(matrix: name), name: name,
            update: factors)
        let tunedDecomposition = tuned.decomposition
        let measures = VectorMeasures(base: base, tuned: tunedDecomposition, parameters: parameters)
        let rank = EffectiveRank(singularValues: deltaValues, shape: w0.shape, storageFloor: storageFloor ?? 0)
        let norms = UpdateNorms(
            singularValues: deltaValues, baseFrobenius: baseFrobenius, frobenius: directFrobenius)
        // Near storage resolution: most of a stored difference's spectrum at or below the cutoff.
        let belowCutoff = deltaValues.count - rank.keptValues.count
        let near = storageFloor != nil && Double(belowCutoff) > 0.8 * Double(min(w0.rows, w0.columns))
        let nullControls = try controls.map {
            try NullControlAnalysis(parameters: parameters).controls(
                name: name, base: w0, decomposition: base, norm: norms.frobenius, plan: $0,
                wholeSpectrum: wholeSpectrum)
        }
        return MatrixComparison(
            name: name, tunedName: tunedName, matchedBy: matchedBy, changed: true,
            maxCosineTopK: measures.maxCosines, intruders: measures.intruders.count,
            intruderIndices: measures.intruders.indices, intrudersByEpsilon: measures.intruders.byEpsilon,
            effectiveRank: rank.value, effectiveRankCutoff: rank.cutoff,
            numericalRank: rank.keptValues.count, frobeniusDelta: norms.frobenius,
            spectralNormDelta: norms.spectral, relativeChange: norms.relativeChange,
            stableRank: norms.stableRank, similarity: measures.similarity,
            singularValues: TunedSpectra(
                tuned: tunedDecomposition.values, delta: rank.keptValues.map(Float.init)),
            spectrumIntruderFractions: measures.spectrumFractions,
            tunedDtype: tunedDType, roundingNoiseFloor: storageFloor, nearStorageResolution: near,
            spanFractionTopK: measures.spanFractions, nullControls: nullControls ?? [],
            intruderEnergyShare: Self.energyShare(
                delta: delta, factors: factors, rows: w0.rows, columns: w0.columns, tuned: tunedDecomposition,
                indices: measures.intruders.indices, side: parameters.singularVectors),
            lowRankMeasures: lowRank, tunedDecomposition: tuned.path, topSpanFractionTopK: measures.topSpanFractions)
    }

    /// A stored ΔW's singular values, descending: from the float64 Gram matrix where that is the
    /// cheaper path (``GramEigenTriplets/cheaperForValues(rows:columns:)``), else LAPACK `sgesdd`.
    static func singularValues(of delta: Matrix, name: String) throws -> [Double] {
        if GramEigenTriplets.cheaperForValues(rows: delta.rows, columns: delta.columns),
            let values = GramEigenTriplets.values(of: delta)
        {
            return values
        }
        return try AnalysisError.mappingLinearAlgebra { try SingularValueDecomposition.values(of: delta, name: name) }
            .map(Double.init)
    }

    /// The update's energy share along the intruders (``IntruderEnergy``): from the stored ΔW of a
    /// full fine-tune, from the factors of a LoRA update (ΔW is never formed).
    static func energyShare(
        delta: [Float]?, factors: LowRankUpdate?, rows: Int, columns: Int,
        tuned: SingularValueDecomposition, indices: [Int], side: SingularVectorSide
    ) -> Double {
        if let factors {
            return IntruderEnergy.share(update: factors, tuned: tuned, indices: indices, side: side)
        }
        return IntruderEnergy.share(
            delta: delta ?? [], rows: rows, columns: columns, tuned: tuned, indices: indices, side: side)
    }

    /// The fraction of vectors below ε in each of `buckets` equal rank buckets: bucket b holds
    /// ranks `⌊b·p/B⌋ ..< ⌊(b+1)·p/B⌋`; an empty bucket (p < B) reads 0.
    static func bucketFractions(maxCosines: [Float], epsilon: Double, buckets: Int)
        -> [Double]
    {
        let p = maxCosines.count
        return (0..<buckets).map { b in
            let range = (b * p / buckets)..<((b + 1) * p / buckets)
            guard !range.isEmpty else { return 0 }
            let intruders = range.filter { Double(maxCosines[$0]) < epsilon }.count
            return Double(intruders) / Double(range.count)
        }
    }

    /// The exact record of Wt = W0: every top vector matches itself (max |cos| 1), no intruder,
    /// an identity similarity block, no effective rank.
    func unchanged(
        name: String, base: SingularValueDecomposition, tunedName: String, matchedBy: MatchedBy
    ) -> MatrixComparison {
        let p = base.count
        let k = min(parameters.topK, p)
        let n = min(parameters.similarityTopN, p)
        let identity = SingularVectorComparison(identityOf: base, tunedCount: max(k, n))
        let maxCosines = identity.maxCosines(first: k)
        let intruders = IntruderCount(
            maxCosines: maxCosines, epsilon: parameters.epsilon, grid: parameters.epsilonGrid)
        return MatrixComparison(
            name: name, tunedName: tunedName, matchedBy: matchedBy, changed: false,
            maxCosineTopK: maxCosines, intruders: 0, intruderIndices: [],
            intrudersByEpsilon: intruders.byEpsilon, effectiveRank: nil, effectiveRankCutoff: 0,
            numericalRank: 0, frobeniusDelta: 0, spectralNormDelta: 0, relativeChange: 0,
            stableRank: nil, similarity: identity.similarity(topN: n),
            singularValues: TunedSpectra(tuned: base.values, delta: []),
            spectrumIntruderFractions: parameters.spectrumBuckets > 0
                ? Array(repeating: 0, count: parameters.spectrumBuckets) : nil,
            nearStorageResolution: false, nullControls: [],
            topSpanFractionTopK: identity.columnNorms(first: k, baseVectors: 2 * k))
    }

    /// `W0 + scale · B · A` in float32 (what PEFT's merge computes in a float32 model).
    static func merge(base w0: Matrix, b: Matrix, a: Matrix, scale: Double) -> Matrix {
        MatrixProduct.multiplyAdd(b, a, scale: scale, to: w0)
    }

    /// Frobenius norm summed in float64: squares of float32 values are exact in float64, summed in
    /// eight interleaved partial sums (element i into sum i mod 8, which vectorizes), then added
    /// in order; the same values always give the same bits.
    static func frobenius(_ values: [Float]) -> Double {
        var lanes = SIMD8<Double>()
        let whole = values.count / 8 * 8
        values.withUnsafeBufferPointer { v in
            var index = 0
            while index < whole {
                let x = SIMD8<Double>(
                    Double(v[index]), Double(v[index + 1]), Double(v[index + 2]), Double(v[index + 3]),
                    Double(v[index + 4]), Double(v[index + 5]), Double(v[index + 6]), Double(v[index + 7]))
                lanes += x * x
                index += 8
            }
        }
        var sum = 0.0
        for lane in 0..<8 { sum += lanes[lane] }
        for value in values[whole...] { sum += Double(value) * Double(value) }
        return sum.squareRoot()
    }
}
