/// One pre-trained weight matrix that was analysed, with what does not depend on the fine-tune.
public struct BaseMatrixRecord: Codable, Equatable, Sendable {
    /// Tensor name in the base checkpoint (the matrix's identity across runs).
    public var name: String
    /// `[out, in]` as stored.
    public var shape: [Int]
    /// Layer index parsed from the name (``TensorName/layer``), or nil when the name has none.
    public var layer: Int?
    /// Module path (``TensorName/module``): the name after the layer index (or the whole name),
    /// without `.weight`.
    public var module: String
    /// How the stored matrix maps to the layer (decides which side is the output space);
    /// `shape` is always as stored.
    public var orientation: MatrixOrientation
    /// Something a reader must know about this matrix, e.g. that it is a fused q|k|v projection
    /// analysed as one matrix; nil when there is nothing to say.
    public var note: String?
    /// Which singular vectors the intruder test used for this matrix.
    public var singularVectors: SingularVectorSide
    /// Dimension of the space the compared vectors live in (`out` for left, `in` for right).
    public var vectorDimension: Int
    /// `top_k` clamped to `min(out, in)`.
    public var topK: Int
    /// `similarity_top_n` clamped to `min(out, in)`.
    public var similarityTopN: Int
    /// The random-direction baseline: the expected max |cos| of a uniformly random unit vector of
    /// the compared space (dimension ``vectorDimension``) against the `min(out, in)` pre-trained
    /// singular vectors of that side, estimated by a seeded Monte Carlo. A yardstick for ε: the
    /// same ε is stricter for small matrices. (Datasets written before the Monte Carlo hold
    /// `sqrt(2 ln n / n)` here and no ``randomBaselineMaxCosineP95``.)
    public var randomBaselineMaxCosine: Double
    /// The 95th percentile of the same distribution.
    public var randomBaselineMaxCosineP95: Double?
    /// The format the base tensor is stored in; nil in datasets written before it was recorded.
    public var dtype: StorageDType?
    /// ‖W0‖_F.
    public var frobeniusNorm: Double
    /// Singular values of W0, descending (all `min(out, in)` of them).
    public var singularValues: [Float]

    public init(
        name: String, shape: [Int], layer: Int?, module: String, orientation: MatrixOrientation = .outIn,
        note: String? = nil, singularVectors: SingularVectorSide, vectorDimension: Int, topK: Int, similarityTopN: Int,
        randomBaselineMaxCosine: Double, frobeniusNorm: Double, singularValues: [Float],
        randomBaselineMaxCosineP95: Double? = nil, dtype: StorageDType? = nil
    ) {
        self.randomBaselineMaxCosineP95 = randomBaselineMaxCosineP95
        self.dtype = dtype
        self.name = name
        self.shape = shape
        self.layer = layer
        self.module = module
        self.orientation = orientation
        self.note = note
        self.singularVectors = singularVectors
        self.vectorDimension = vectorDimension
        self.topK = topK
        self.similarityTopN = similarityTopN
        self.randomBaselineMaxCosine = randomBaselineMaxCosine
        self.frobeniusNorm = frobeniusNorm
        self.singularValues = singularValues
    }
}
