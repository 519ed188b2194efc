import SpeclensCheckpoints
import SpeclensLinearAlgebraTestSupport
import Testing

@testable import SpeclensLinearAlgebra

@Suite("Singular value decomposition of a row-major [out, in] matrix")
struct SingularValueDecompositionTests {
    let known = KnownSVD(out: 48, inputs: 32, sigma: KnownSVD.decaying(32), seed: 1)

    @Test("singular values come back descending and equal to the constructed ones")
    func values() throws {
        let svd = try SingularValueDecomposition(of: known.matrix, name: "W")
        #expect(svd.count == 32)
        for (computed, expected) in zip(svd.values, known.sigma) {
            #expect(abs(Double(computed) - expected) < 1e-4 * expected + 1e-5)
        }
        let valuesOnly = try SingularValueDecomposition.values(of: known.matrix, name: "W")
        #expect(zip(valuesOnly, svd.values).allSatisfy { abs($0 - $1) < 1e-4 })
    }

    @Test("left vectors are U's columns (output space), right vectors V's (input space), up to sign")
    func orientation() throws {
        let svd = try SingularValueDecomposition(of: known.matrix, name: "W")
        #expect(svd.left.rows == 48 && svd.left.columns == 32)
        #expect(svd.rightTransposed.rows == 32 && svd.rightTransposed.columns == 32)
        for j in 0..<10 {
            let left = (0..<48).map { Double(svd.left[$0, j]) }
            let right = (0..<32).map { Double(svd.rightTransposed[j, $0]) }
            #expect(absoluteCosine(left, known.leftVector(j)) > 0.9999)
            #expect(absoluteCosine(right, known.rightVector(j)) > 0.9999)
        }
    }

    @Test("a wide matrix (out < in) decomposes with U square and V tall")
    func wide() throws {
        let wide = KnownSVD(out: 20, inputs: 50, sigma: KnownSVD.decaying(20), seed: 2)
        let svd = try SingularValueDecomposition(of: wide.matrix, name: "W")
        #expect(svd.left.rows == 20 && svd.left.columns == 20)
        #expect(svd.rightTransposed.rows == 20 && svd.rightTransposed.columns == 50)
        let left0 = (0..<20).map { Double(svd.left[$0, 0]) }
        #expect(absoluteCosine(left0, wide.leftVector(0)) > 0.9999)
    }
}

@Suite("OpenBLAS runtime")
struct OpenBLASRuntimeTests {
    @Test("the thread count can be pinned to one")
    func threads() {
        OpenBLASRuntime.setThreads(1)
        #expect(OpenBLASRuntime.threads == 1)
    }
}
