import CLapacke
import Foundation
import Testing
import SpeclensCheckpoints
import SpeclensDataset
@testable import SpeclensAnalysis

@Suite("Certified top singular triplets without the full SVD, against the exact decomposition")
struct TopSingularTripletsTests {
    /// W: 96 × 64 with σ_i = 10 · 0.8^i.
    let known = KnownSVD(out: 96, inputs: 64, sigma: KnownSVD.decaying(64), seed: 7)

    /// Parameters forcing the randomized path wherever the whole spectrum is not needed.
    static let forced = AnalysisParameters(spectrumBuckets: 0, nullControls: false, tunedDecomposition: .randomized)

    func compare(_ w0: Matrix, _ wt: Matrix, parameters: AnalysisParameters = forced) throws -> MatrixComparison {
        let base = try SingularValueDecomposition(of: w0, name: "W")
        return try MatrixComparisonAnalysis(parameters: parameters).compare(
            name: "W", base: w0, decomposition: base, baseFrobenius: 1, tuned: .replacement(wt, dtype: .f32),
            tunedName: "W", matchedBy: .name(.exact), wholeSpectrum: false)
    }

    @Test("on a matrix with a known SVD, the top 32 triplets are certified, and each certified sin θ bound holds against the true vectors")
    func boundsHoldOnKnownSVD() throws {
        let top = try #require(TopSingularTriplets.compute(
            of: known.matrix, count: 32, strict: 10, seed: 1, maxIterations: 150))
        #expect(top.decomposition.count == 32)
        let exact = Float64SVD(known.matrix)
        for i in 0..<32 {
            #expect(abs(Double(top.decomposition.values[i]) - exact.values[i]) <= 1e-6 * exact.values[0])
            let u = (0..<96).map { Double(top.decomposition.left[$0, i]) }
            let v = (0..<64).map { Double(top.decomposition.rightTransposed[i, $0]) }
            // sin θ = ‖x − (xᵀt)t‖ / ‖x‖ against the float64 SVD of the float32 matrix (the float32
            // rounding of the composed matrix moves its vectors by up to ~1e-4 from the known
            // ones); float32 storage of our vectors adds ~1e-7.
            for (ours, truth) in [(u, exact.left(i)), (v, exact.right(i))] {
                let dot = zip(ours, truth).reduce(0) { $0 + $1.0 * $1.1 }
                let away = zip(ours, truth).reduce(0) { $0 + ($1.0 - dot * $1.1) * ($1.0 - dot * $1.1) }
                let sine = (away / ours.reduce(0) { $0 + $1 * $1 }).squareRoot()
                #expect(sine <= top.sineBounds[i] + 1e-6, "triplet \(i): sin θ \(sine) > bound \(top.sineBounds[i])")
            }
            #expect(top.sineBounds[i] <= (i < 10 ? TopSingularTriplets.strictTolerance : TopSingularTriplets.looseTolerance))
        }
    }

    @Test("LAPACK's selected-triplet driver sgesvdx gives the top 32 values and vectors of sgesdd (|cos| ≥ 1 − 1e-5 where the gaps allow)")
    func selectedDriverAgrees() throws {
        var random = SeededRandom(seed: 5)
        let w = Matrix(rows: 80, columns: 120, values: random.gaussians(80 * 120))
        let full = try SingularValueDecomposition(of: w, name: "W")
        let top = try SingularValueDecomposition.top(of: w, count: 32, name: "W")
        #expect(top.count == 32 && top.left.columns == 32 && top.rightTransposed.rows == 32)
        for i in 0..<32 {
            #expect(abs(top.values[i] - full.values[i]) <= 1e-5 * full.values[0])
            let gap = min(i == 0 ? .infinity : full.values[i - 1] - full.values[i], full.values[i] - full.values[i + 1])
            let tolerance = Double(1e-5 * full.values[0] / gap)
            let left = absoluteCosine((0..<80).map { Double(top.left[$0, i]) }, (0..<80).map { Double(full.left[$0, i]) })
            let right = absoluteCosine(
                (0..<120).map { Double(top.rightTransposed[i, $0]) }, (0..<120).map { Double(full.rightTransposed[i, $0]) })
            #expect(left >= 1 - tolerance && right >= 1 - tolerance, "triplet \(i)")
        }
    }

    @Test("W + λ·v·vᵀ (square W, λ = 4 σ_max, v random): the randomized path finds exactly the one intruder at rank 0, recorded as randomized")
    func rankOneIntruderWithFastPath() throws {
        let square = KnownSVD(out: 64, inputs: 64, sigma: KnownSVD.decaying(64), seed: 7)
        var random = SeededRandom(seed: 31)
        let v = random.unitVector(64)
        let comparison = try compare(square.matrix, square.adding(40, v, v))
        #expect(comparison.tunedDecomposition == .randomized)
        #expect(comparison.intruders == 1)
        #expect(comparison.intruderIndices == [0])
        #expect(comparison.singularValues.tuned.count == 32)
        let exact = try compare(
            square.matrix, square.adding(40, v, v),
            parameters: AnalysisParameters(spectrumBuckets: 0, nullControls: false, tunedDecomposition: .exact))
        #expect(exact.tunedDecomposition == .exact)
        for (fast, truth) in zip(comparison.maxCosineTopK, exact.maxCosineTopK) { #expect(abs(fast - truth) <= 1e-4) }
    }

    @Test("a repeated singular value at the k boundary (σ_10 = σ_11) cannot be certified: the comparison falls back to the exact path and says so")
    func repeatedValueAtBoundaryFallsBack() throws {
        var sigma = KnownSVD.decaying(64)
        sigma[10] = sigma[9]
        let degenerate = KnownSVD(out: 96, inputs: 64, sigma: sigma, seed: 7)
        #expect(TopSingularTriplets.compute(of: degenerate.matrix, count: 32, strict: 10, seed: 1, maxIterations: 150) == nil)
        // A change of the top triplet only keeps the pair σ_10 = σ_11 repeated in Wt.
        let wt = degenerate.adding(0.5, degenerate.leftVector(0), degenerate.rightVector(0))
        let comparison = try compare(degenerate.matrix, wt)
        #expect(comparison.tunedDecomposition == .exactFallback)
        #expect(comparison.maxCosineTopK.count == 10)
    }

    @Test("the whole-spectrum sample takes, per module kind, the first and last layer (2 per kind) or the middle one (1, the default), the same from any order of names")
    func wholeSpectrumSample() {
        let names = (0..<6).flatMap { layer in
            ["query", "key", "value"].map { "encoder.layer.\(layer).attention.self.\($0).weight" }
        }
        let chosen = WholeSpectrumSample.names(names, perModule: 2)
        #expect(chosen.count == 6)
        for module in ["query", "key", "value"] {
            #expect(chosen.contains("encoder.layer.0.attention.self.\(module).weight"))
            #expect(chosen.contains("encoder.layer.5.attention.self.\(module).weight"))
        }
        #expect(WholeSpectrumSample.names(names.reversed(), perModule: 2) == chosen)
        // The default, 1 per kind: the middle layer (the lower of layers 2 and 3 of 0…5).
        #expect(WholeSpectrumSample.names(names, parameters: AnalysisParameters()) == Set(
            ["query", "key", "value"].map { "encoder.layer.2.attention.self.\($0).weight" }))
        #expect(WholeSpectrumSample.names(names, parameters: AnalysisParameters(fullSpectra: true)).count == 18)
        #expect(WholeSpectrumSample.names(names, parameters: AnalysisParameters(spectrumBuckets: 0)).isEmpty)
    }
}

/// The SVD of a float32 matrix computed in float64 (LAPACK dgesdd), as the truth of bounds tests.
struct Float64SVD {
    let rows: Int, columns: Int
    let values: [Double]
    /// Column-major `rows × p` and `p × columns`.
    let u: [Double], vt: [Double]

    init(_ matrix: Matrix) {
        rows = matrix.rows
        columns = matrix.columns
        let p = min(rows, columns)
        var a = [Double](repeating: 0, count: rows * columns)
        for i in 0..<rows { for j in 0..<columns { a[i + j * rows] = Double(matrix[i, j]) } }
        var s = [Double](repeating: 0, count: p), u = [Double](repeating: 0, count: rows * p)
        var vt = [Double](repeating: 0, count: p * columns)
        _ = LAPACKE_dgesdd(
            LAPACK_COL_MAJOR, Int8(UInt8(ascii: "S")), Int32(rows), Int32(columns), &a, Int32(rows), &s, &u, Int32(rows),
            &vt, Int32(p))
        values = s
        self.u = u
        self.vt = vt
    }

    func left(_ i: Int) -> [Double] { (0..<rows).map { u[$0 + i * rows] } }
    func right(_ i: Int) -> [Double] { (0..<columns).map { vt[i + $0 * values.count] } }
}
