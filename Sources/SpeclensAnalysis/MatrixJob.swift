import SpeclensCheckpoints

/// One independent unit of analysis: a pre-trained matrix and, for every run, where its
/// fine-tuned version comes from. Jobs share nothing, so they can run in any order, on any
/// machine, and their results (`MatrixJobResult`) can be stored, resumed and merged.
public struct MatrixJob: Sendable, Equatable {
    /// Base tensor name (the job's identity).
    public let name: String
    /// `[out, in]` of the base tensor.
    public let shape: [Int]
    /// One entry per run, in run order; nil when the run does not include this matrix.
    public let runs: [RunMatrixSource?]

    public init(name: String, shape: [Int], runs: [RunMatrixSource?]) {
        self.name = name
        self.shape = shape
        self.runs = runs
    }

    /// The orientation the matrix is analysed in: that of the first run that includes it (runs
    /// whose own pairing says otherwise are brought to it).
    public var orientation: MatrixOrientation {
        runs.lazy.compactMap { $0?.orientation }.first ?? .outIn
    }

    /// The first remark any run makes about the matrix.
    public var note: String? {
        runs.lazy.compactMap { $0?.note }.first
    }

    /// A rough cost in floating-point operations (an SVD is about `out·in·min(out, in)`), used to
    /// estimate time left.
    public var estimatedCost: Double {
        let (m, n) = (Double(shape.first ?? 0), Double(shape.last ?? 0))
        let svd = m * n * min(m, n)
        return svd * Double(1 + runs.compactMap { $0 }.count)
    }
}
