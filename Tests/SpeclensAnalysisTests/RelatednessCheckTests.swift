import Foundation
import SpeclensCheckpoints
import SpeclensTestSupport
import Testing

@testable import SpeclensAnalysis
@testable import SpeclensLinearAlgebra

@Suite("RelatednessCheck: a full fine-tune must descend from its base")
struct RelatednessCheckTests {
    static let encoder = #"encoder\.layer"#

    /// The MiniLM base's encoder matrices, each changed by `transform`, written as `file`.
    static func alteredBase(_ file: String, _ transform: (Matrix, inout SeededRandom) -> Matrix) throws {
        let base = try ModelCheckpoint(path: Fixtures.minilm("base"))
        var random = SeededRandom(seed: 7)
        let tensors = try base.tensors.filter {
            $0.shape.count == 2 && $0.name.hasPrefix("encoder.layer.") && $0.name.hasSuffix(".weight")
        }
        .map { (name: $0.name, matrix: transform(try base.matrix($0.name), &random)) }
        try SafetensorsWriter.write(tensors, to: file)
    }

    /// The evidence for the MiniLM full fine-tune against the base at `basePath`.
    static func evidence(basePath: String) throws -> RelatednessEvidence? {
        let plan = try AnalysisPlan(
            basePath: basePath, tunedPaths: [Fixtures.minilm("full")], selection: MatrixSelection(include: [encoder]))
        return try RelatednessCheck.evidence(for: plan.runs[0], base: plan.base)
    }

    @Test(
        "The real MiniLM full fine-tune against its base: relative change far below the limit, top directions kept; accepted",
        Fixtures.enabled)
    func realFineTune() throws {
        try Fixtures.require()
        let evidence = try #require(try Self.evidence(basePath: Fixtures.minilm("base")))
        #expect(evidence.matrices == 8)
        #expect(evidence.medianRelativeChange < 0.05, "\(evidence)")
        #expect(evidence.medianTopAlignment > 0.95, "\(evidence)")
        #expect(!evidence.unrelated)
    }

    @Test(
        "The base's rows permuted within each tensor (names and shapes kept) and a random initialisation of the same shapes: refused with the medians",
        Fixtures.enabled, arguments: ["permuted", "random"])
    func unrelatedBases(kind: String) throws {
        try Fixtures.require()
        try TestFiles.withFolder { folder in
            try Self.alteredBase(folder + "/base.safetensors") { matrix, random in
                if kind == "random" {
                    return Matrix(
                        rows: matrix.rows, columns: matrix.columns,
                        values: (0..<matrix.values.count).map { _ in Float(0.02 * random.normal()) })
                }
                let order = (0..<matrix.rows).shuffled(using: &random)
                return Matrix(
                    rows: matrix.rows, columns: matrix.columns,
                    values: order.flatMap { row in matrix.values[(row * matrix.columns)..<((row + 1) * matrix.columns)]
                    })
            }
            let evidence = try #require(try Self.evidence(basePath: folder + "/base.safetensors"))
            #expect(evidence.unrelated, "\(evidence)")
            #expect(evidence.medianRelativeChange > 1.3, "\(evidence)")
            #expect(evidence.medianTopAlignment < 3 * evidence.medianRandomBaseline, "\(evidence)")
            let plan = try AnalysisPlan(
                basePath: folder + "/base.safetensors", tunedPaths: [Fixtures.minilm("full")],
                selection: MatrixSelection(include: [Self.encoder]))
            let error = #expect(throws: AnalysisError.self) { try RelatednessCheck.verify(plan) }
            #expect(error?.caseName == "unrelatedBase")
            #expect("\(error!)".contains("median relative change"))
        }
    }

    @Test(
        "Analytic: a change as large as the weights themselves, isotropic noise of the same Frobenius norm, keeps the top direction of a decaying spectrum: accepted (a long fine-tune is not refused)"
    )
    func largeChangeKept() {
        var random = SeededRandom(seed: 3)
        let (m, n) = (96, 64)
        let w0 = OrthonormalBasis.compose(
            u: OrthonormalBasis.random(rows: m, columns: n, using: &random),
            sigma: (0..<n).map { 10 * pow(0.8, Double($0)) },
            v: OrthonormalBasis.random(rows: n, columns: n, using: &random), out: m, in: n)
        let noise = (0..<(m * n)).map { _ in random.normal() }
        let noiseNorm = noise.reduce(0) { $0 + $1 * $1 }.squareRoot()
        let baseNorm = w0.values.reduce(0) { $0 + Double($1) * Double($1) }.squareRoot()
        let wt = Matrix(
            rows: m, columns: n, values: zip(w0.values, noise).map { $0 + Float($1 * baseNorm / noiseNorm) })
        let measured = RelatednessCheck.measure(w0: w0, wt: wt)
        #expect(abs((measured?.change ?? 0) - 1) < 1e-3)
        #expect((measured?.alignment ?? 0) > 0.9, "\(String(describing: measured))")
    }

    @Test("Medians are medians: the middle value, or the mean of the two middle values")
    func medians() {
        #expect(RelatednessCheck.median([3, 1, 2]) == 2)
        #expect(RelatednessCheck.median([4, 1, 3, 2]) == 2.5)
        #expect(RelatednessCheck.median([]) == 0)
    }
}
