import SpeclensCheckpoints
import SpeclensDataset

/// One independent unit of analysis: a pre-trained matrix and, for every run that includes it,
/// how that run changes it. Jobs share nothing, so they can run in any order, on any machine,
/// and their results (``MatrixJobResult``) can be stored, resumed and merged.
public struct MatrixJob: Sendable {
    /// Base tensor name (the job's identity).
    public let name: String
    /// The parsed name.
    public var tensorName: TensorName { TensorName(name) }
    /// Shape of the base tensor as stored.
    public let shape: [Int]
    /// Where the base tensor is read from.
    public let base: any MatrixSource
    /// The format the base tensor is stored in.
    public let baseDType: StorageDType
    /// The runs that include this matrix, in run order, with their version of it.
    public let runs: [(id: RunID, matrix: PlannedMatrix)]
    /// Whether this matrix gets Wt's whole spectrum and the intruders-across-the-spectrum
    /// measure (``WholeSpectrumSample``; set by ``SpectralAnalyzer`` from the whole plan);
    /// otherwise only the top triplets of Wt are computed.
    public var wholeSpectrum = true
    /// Whether this matrix's runs get null controls (``ControlSample``); set by the analyzer.
    public var controlled = true

    public init(
        name: String, shape: [Int], base: any MatrixSource, baseDType: StorageDType, runs: [(RunID, PlannedMatrix)]
    ) {
        self.name = name
        self.shape = shape
        self.base = base
        self.baseDType = baseDType
        self.runs = runs.map { (id: $0.0, matrix: $0.1) }
    }

    /// The orientation the matrix is analysed in: that of the first run that includes it (runs
    /// whose own pairing says otherwise are brought to it).
    public var orientation: MatrixOrientation {
        runs.first?.matrix.orientation ?? .outIn
    }

    /// A remark for readers about the matrix (a fused projection analysed as one matrix).
    public var note: String? { FusedProjection.note(for: tensorName) }

    /// A rough cost in floating-point operations (an SVD is about `out·in·min(out, in)`), used to
    /// schedule the largest jobs first and to estimate time left.
    public var estimatedCost: Double {
        let (m, n) = (Double(shape.first ?? 0), Double(shape.last ?? 0))
        let svd = m * n * min(m, n)
        return svd * Double(1 + runs.count)
    }
}
