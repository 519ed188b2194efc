import SpeclensCheckpoints
import SpeclensDataset

/// One independent unit of analysis: a pre-trained matrix and, for every run that includes it,
/// how that run changes it. Jobs share nothing, so they can run in any order, on any machine,
/// and their results (``MatrixJobResult``) can be stored, resumed and merged.
struct MatrixJob: Sendable {
    /// Base tensor name (the job's identity).
    let name: String
    /// The parsed name.
    var tensorName: TensorName { TensorName(name) }
    /// Shape of the base tensor as stored.
    let shape: [Int]
    /// Where the base tensor is read from.
    let base: any MatrixSource
    /// The format the base tensor is stored in.
    let baseDType: StorageDType
    /// The runs that include this matrix, in run order, with their version of it.
    let runs: [(id: RunID, matrix: PlannedMatrix)]
    /// Whether this matrix gets Wt's whole spectrum and the intruders-across-the-spectrum
    /// measure (``WholeSpectrumSample``; set by ``SpectralAnalyzer`` from the whole plan);
    /// otherwise only the top triplets of Wt are computed.
    var wholeSpectrum = true
    /// Whether this matrix's runs get null controls (``ControlSample``); set by the analyzer.
    var controlled = true

    init(
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
    var orientation: MatrixOrientation {
        runs.first?.matrix.orientation ?? .outIn
    }

    /// A remark for readers about the matrix (a fused projection analysed as one matrix).
    var note: String? { FusedProjection.note(for: tensorName) }

    /// A rough cost in floating-point operations, used to schedule the largest jobs first and to
    /// estimate the time left. With `s = out·in·min(out, in)`, in units measured at 768 × 768
    /// (Benchmarks/README.md: `sgesdd` with every vector 91 ms ≈ 9·s, the Gram path's top
    /// triplets 44 ms ≈ 4.5·s, or 34 ms ≈ 3.5·s from a LoRA update's factors, ΔW's values
    /// 39 ms ≈ 4·s): the base's decomposition, and per changed run Wt's decomposition (every
    /// triplet where ``wholeSpectrum``, else the top ones), a stored update's values, and, where
    /// ``controlled``, its null controls decomposed like Wt (the isotropic one from its entries,
    /// for a LoRA update also the low-rank one from its factors).
    var estimatedCost: Double {
        let (m, n) = (Double(shape.first ?? 0), Double(shape.last ?? 0))
        let svd = m * n * min(m, n)
        let entries = wholeSpectrum ? 9.0 : 4.5
        let factors = wholeSpectrum ? 9.0 : 3.5
        var units = 9.0
        for run in runs {
            if case .unchanged = run.matrix.update { continue }
            let lowRank = run.matrix.update.loraRank != nil
            units += lowRank ? factors : entries + 4
            if controlled { units += entries + (lowRank ? factors : 0) }
        }
        return svd * units
    }
}
