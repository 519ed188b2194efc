import Foundation
import SpeclensCheckpoints
import SpeclensDataset
import SpeclensLinearAlgebraTestSupport
import SpeclensTestSupport
import Testing

@testable import SpeclensAnalysis
@testable import SpeclensLinearAlgebra

@Suite("Comparisons and cache entries of a base decomposition that derives one side from W0")
struct DerivedSideAnalysisTests {
    /// A tall and a wide matrix with σ_i = 10·0.95^i (σ_p/σ_1 ≈ 0.1), p = 48.
    static let shapes = [(out: 144, inputs: 48), (out: 48, inputs: 144)]

    static func known(_ shape: (out: Int, inputs: Int)) -> KnownSVD {
        KnownSVD(out: shape.out, inputs: shape.inputs, sigma: KnownSVD.decaying(48, ratio: 0.95), seed: 17)
    }

    /// The largest entry-wise difference of two float arrays.
    static func largestDifference(_ a: [Float], _ b: [Float]) -> Float {
        zip(a, b).reduce(0) { max($0, abs($1.0 - $1.1)) }
    }

    @Test(
        "comparing on the derived side gives the cosines of the formed side within 2e-6, on both sides: for 12 of 48 fine-tuned vectors as U0ᵀ·Ut = Σ0⁻¹·V0ᵀ·W0ᵀ·Ut (U0 never formed), for all 48 through the formed side",
        arguments: shapes, [SingularVectorSide.left, .right])
    func comparisonWithoutFormingTheSide(shape: (out: Int, inputs: Int), side: SingularVectorSide) throws {
        let known = Self.known(shape)
        let base = try SingularValueDecomposition.complete(of: known.matrix, name: "W")
        let formed = SingularValueDecomposition(
            values: base.values, left: base.left, rightTransposed: base.rightTransposed)
        var random = SeededRandom(seed: 3)
        let noise = random.gaussians(shape.out * shape.inputs).map { $0 * 0.05 }
        let tuned = try SingularValueDecomposition(
            of: Matrix(rows: shape.out, columns: shape.inputs, values: zip(known.matrix.values, noise).map { $0 + $1 }),
            name: "Wt")
        for count in [12, 48] {
            let lazy = SingularVectorComparison(base: base, tuned: tuned, side: side, tunedCount: count)
            let direct = SingularVectorComparison(base: formed, tuned: tuned, side: side, tunedCount: count)
            #expect(lazy.cosines.shape == [48, count])
            #expect(Self.largestDifference(lazy.cosines.values, direct.cosines.values) <= 2e-6)
        }
    }

    @Test(
        "a cache entry of a derived decomposition stores the Gram side only (smaller by the derived side's floats) and reads back deriving the same bits; one whose derived side was formed before it was cached (a whole-spectrum matrix) stores that side too, and reads back already formed with the same bits",
        arguments: shapes, [false, true])
    func cacheRoundTrip(shape: (out: Int, inputs: Int), formedFirst: Bool) throws {
        try TestFiles.withFolder { folder in
            let w = Self.known(shape).matrix
            let key = DecompositionCacheTests.key(w)
            let computed = try SingularValueDecomposition.complete(of: w, name: "W")
            if formedFirst { computed.formDerivedSide() }
            let side = try #require(computed.derivedSide)
            let cache = try DecompositionCache(directory: folder)
            _ = try cache.decomposition(key: key, name: "W", source: w) { computed }
            let gramSideOnly = DecompositionCacheEntry.size(for: key, derived: side)
            #expect(gramSideOnly == DecompositionCacheEntry.size(for: key) - 4 * max(shape.out, shape.inputs) * 48)
            #expect(
                cache.statistics.bytesWritten == (formedFirst ? DecompositionCacheEntry.size(for: key) : gramSideOnly))
            let read = try DecompositionCache(directory: folder).decomposition(key: key, name: "W", source: w) {
                Issue.record("decomposed again")
                return computed
            }
            #expect(read.derivedSide == side)
            #expect((read.formedDerivedSide != nil) == formedFirst)
            #expect(
                read.formedDerivedSide?.values.map(\.bitPattern) == computed.formedDerivedSide?.values.map(\.bitPattern)
            )
            #expect(DecompositionCacheTests.identical(read, computed))
        }
    }

    @Test(
        "on the 12 long MiniLM matrices (1536×384, 384×1536) and the full fine-tune, a base that keeps one side gives LAPACK's base results: max |cos| within 1e-4 (or closer than LAPACK's to the float64 reference), the same intruders at every ε except within 1e-4 of it, with the whole spectrum (layer 2) and without",
        Fixtures.enabled)
    func miniLMLongMatrices() throws {
        try Fixtures.require()
        let data = try Data(contentsOf: Fixtures.minilm.appending(path: "reference.json"))
        let truth = try #require(try JSONDecoder().decode([String: ReferenceRun].self, from: data)["full"])
        let reference = Dictionary(uniqueKeysWithValues: truth.matrices.map { ($0.name, $0.top_max_cos) })
        let base = try ModelCheckpoint(path: Fixtures.minilm("base"))
        let full = try ModelCheckpoint(path: Fixtures.minilm("full"))
        let analysis = MatrixComparisonAnalysis(parameters: AnalysisParameters(nullControls: false))
        var derived = 0
        var beyond = 0
        for layer in 0..<6 {
            for module in ["intermediate.dense", "output.dense"] {
                let name = "encoder.layer.\(layer).\(module).weight"
                let w0 = try base.matrix(name)
                let wt = try full.matrix("bert." + name)
                let kept = try SingularValueDecomposition.complete(of: w0, name: name)
                if kept.derivedSide != nil { derived += 1 }
                func compared(_ decomposition: SingularValueDecomposition) throws -> MatrixComparison {
                    try analysis.compare(
                        name: name, base: w0, decomposition: decomposition, baseFrobenius: 1,
                        tuned: .replacement(wt, dtype: .f32), tunedName: name, matchedBy: .name(.exact),
                        wholeSpectrum: layer == 2)
                }
                let ours = try compared(kept)
                let lapack = try compared(try SingularValueDecomposition(of: w0, name: name))
                let float64 = try #require(reference[name])
                for (j, (a, b)) in zip(ours.maxCosineTopK, lapack.maxCosineTopK).enumerated() where abs(a - b) > 1e-4 {
                    beyond += 1
                    #expect(abs(Double(a) - float64[j]) <= abs(Double(b) - float64[j]) + 1e-6, "\(name) j=\(j)")
                }
                for (epsilon, expected) in lapack.intrudersByEpsilon.pairs {
                    let allowance = lapack.maxCosineTopK.filter { abs(Double($0) - epsilon) <= 1e-4 }.count
                    #expect(
                        abs((ours.intrudersByEpsilon[epsilon] ?? -1) - expected) <= allowance, "\(name) ε \(epsilon)")
                }
                #expect((ours.spectrumIntruderFractions != nil) == (layer == 2))
            }
        }
        #expect(derived == 12)
        #expect(beyond <= 2)
    }
}
